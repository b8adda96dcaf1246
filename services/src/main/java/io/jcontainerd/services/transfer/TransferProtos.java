package io.jcontainerd.services.transfer;

import com.google.protobuf.Any;
import containerd.types.PlatformOuterClass;
import containerd.types.transfer.Imagestore.ImageReference;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Imagestore.UnpackConfiguration;
import containerd.types.transfer.Importexport.ImageExportStream;
import containerd.types.transfer.Importexport.ImageImportStream;
import containerd.types.transfer.ProgressOuterClass.Progress;
import containerd.types.transfer.Registry.OCIRegistry;
import containerd.types.transfer.Registry.RegistryResolver;
import io.jcontainerd.api.transfer.ImageExportFile;
import io.jcontainerd.api.transfer.ImageImportFile;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.streaming.StreamManager;
import io.jcontainerd.image.Platform;
import io.jcontainerd.services.grpc.AnyMessages;
import io.jcontainerd.api.convert.DescriptorProtos;
import java.util.List;
import java.util.Optional;

/** Conversions between the {@code containerd.types.transfer} messages and {@link TransferEnd}s / {@link ProgressEvent}s. */
final class TransferProtos {
    private TransferProtos() {
    }

    /**
     * {@return the transfer end an {@code Any} describes; empty for a type no operation takes}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND for a stream it names that is not open
     */
    static Optional<TransferEnd> end(Any any, String namespace, StreamManager streams) {
        if (AnyMessages.is(any.getTypeUrl(), OCIRegistry.getDefaultInstance())) {
            return Optional.of(registry(AnyMessages.unpack(any, OCIRegistry.getDefaultInstance()), namespace, streams));
        }
        if (AnyMessages.is(any.getTypeUrl(), ImageStore.getDefaultInstance())) {
            return Optional.of(imageStore(AnyMessages.unpack(any, ImageStore.getDefaultInstance())));
        }
        if (AnyMessages.is(any.getTypeUrl(), ImageImportStream.getDefaultInstance())) {
            ImageImportStream proto = AnyMessages.unpack(any, ImageImportStream.getDefaultInstance());
            return Optional.of(new ArchiveImportSource(new StreamedArchive(streams.get(namespace, proto.getStream())),
                    proto.getForceCompress()));
        }
        if (AnyMessages.is(any.getTypeUrl(), ImageImportFile.getDefaultInstance())) {
            ImageImportFile proto = AnyMessages.unpack(any, ImageImportFile.getDefaultInstance());
            return Optional.of(new ArchiveImportSource(LocalArchiveFile.open(proto.getFile(), false),
                    proto.getOptions().getForceCompress()));
        }
        if (AnyMessages.is(any.getTypeUrl(), ImageExportStream.getDefaultInstance())) {
            ImageExportStream proto = AnyMessages.unpack(any, ImageExportStream.getDefaultInstance());
            return Optional.of(exportTarget(new StreamedArchive(streams.get(namespace, proto.getStream())), proto));
        }
        if (AnyMessages.is(any.getTypeUrl(), ImageExportFile.getDefaultInstance())) {
            ImageExportFile proto = AnyMessages.unpack(any, ImageExportFile.getDefaultInstance());
            return Optional.of(exportTarget(LocalArchiveFile.open(proto.getFile(), true), proto.getOptions()));
        }
        return Optional.empty();
    }

    private static ArchiveExportTarget exportTarget(ArchiveTransport archive, ImageExportStream options) {
        return new ArchiveExportTarget(archive, options.getPlatformsList().stream().map(TransferProtos::platform).toList(),
                options.getAllPlatforms(), options.getSkipCompatibilityManifest(), options.getSkipNonDistributable());
    }

    private static RegistrySource registry(OCIRegistry proto, String namespace, StreamManager streams) {
        RegistryResolver resolver = proto.getResolver();
        Optional<Stream> auth = resolver.getAuthStream().isEmpty() ? Optional.empty()
                : Optional.of(streams.get(namespace, resolver.getAuthStream()));
        return new RegistrySource(proto.getReference(), resolver.getHeadersMap(), resolver.getHostDir(),
                resolver.getDefaultScheme(), auth);
    }

    private static ImageStoreTarget imageStore(ImageStore proto) {
        List<String> extraNames = proto.getExtraReferencesList().stream()
                .filter(ref -> !ref.getIsPrefix()).map(ImageReference::getName).toList();
        List<PrefixReference> prefixes = proto.getExtraReferencesList().stream().filter(ImageReference::getIsPrefix)
                .map(ref -> new PrefixReference(ref.getName(), ref.getAllowOverwrite(), ref.getAddDigest(),
                        ref.getSkipNamedDigest())).toList();
        List<ImageStoreTarget.Unpack> unpacks = proto.getUnpacksList().stream().map(TransferProtos::unpack).toList();
        return new ImageStoreTarget(proto.getName(), proto.getLabelsMap(),
                proto.getPlatformsList().stream().map(TransferProtos::platform).toList(), proto.getAllMetadata(),
                proto.getManifestLimit(), extraNames, prefixes, unpacks);
    }

    private static ImageStoreTarget.Unpack unpack(UnpackConfiguration proto) {
        return new ImageStoreTarget.Unpack(proto.hasPlatform() ? platform(proto.getPlatform()) : null, proto.getSnapshotter());
    }

    private static Platform platform(PlatformOuterClass.Platform proto) {
        return Platform.of(proto.getOs(), proto.getArchitecture(), proto.getVariant());
    }

    static Progress progress(ProgressEvent event) {
        Progress.Builder b = Progress.newBuilder().setEvent(event.event()).setName(event.name())
                .addAllParents(event.parents()).setProgress(event.progress()).setTotal(event.total());
        if (event.desc() != null) {
            b.setDesc(DescriptorProtos.proto(event.desc()));
        }
        return b.build();
    }
}
