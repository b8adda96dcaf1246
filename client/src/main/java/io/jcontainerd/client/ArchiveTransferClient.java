package io.jcontainerd.client;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import containerd.services.transfer.v1.TransferGrpc;
import containerd.services.transfer.v1.TransferOuterClass.TransferOptions;
import containerd.services.transfer.v1.TransferOuterClass.TransferRequest;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Importexport.ImageExportStream;
import containerd.types.transfer.Importexport.ImageImportStream;
import containerd.types.transfer.ProgressOuterClass;
import containerd.types.transfer.Streaming.Data;
import containerd.types.transfer.Streaming.WindowUpdate;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.api.convert.ArchiveFiles;
import io.jcontainerd.api.convert.DataMessages;
import io.jcontainerd.api.transfer.ImageExportFile;
import io.jcontainerd.api.transfer.ImageImportFile;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Image archives imported and exported inside the daemon through containerd 2.x's Transfer
 * API, the archive's bytes flowing on a Streaming API stream: {@code ImageImportStream ->
 * ImageStore} and {@code ImageStore -> ImageExportStream}. Flow control as upstream's
 * streaming package (the receiver grants windows), with larger windows (4 MiB) and messages
 * (1 MiB, upstream: 32 KiB): per-message costs dominate on a local socket, and the bytes are
 * copied once on each side rather than per protobuf wrapper.
 */
public final class ArchiveTransferClient {
    /** The plugin type a daemon with the Transfer API lists. */
    public static final String PLUGIN_TYPE = "io.containerd.transfer.v1";
    private static final int MAX_MESSAGE = 1 << 20;
    /** What this side grants when it receives: more than upstream's 64 KiB, to keep the daemon sending. */
    private static final int WINDOW = 4 << 20;

    private final Channel channel;

    ArchiveTransferClient(Channel channel) {
        this.channel = channel;
    }

    /** What the daemon reports while it works: upstream's {@code transfer.Progress}. */
    public record Progress(String event, String name, long progress, long total, String digest) {
        static Progress of(ProgressOuterClass.Progress p) {
            return new Progress(p.getEvent(), p.getName(), p.getProgress(), p.getTotal(),
                    p.hasDesc() ? p.getDesc().getDigest() : "");
        }
    }

    /** Sends the archive to the daemon, which imports it into {@code destination}. */
    public void importArchive(InputStream archive, ImageStore destination, boolean forceCompress,
                              Consumer<Progress> progress) throws IOException {
        Window window = new Window();
        try (TransferStream data = TransferStream.open(channel, "import", message -> {
            if (TransferStream.is(message, WindowUpdate.getDefaultInstance())) {
                window.grant(TransferStream.unpack(message, WindowUpdate.getDefaultInstance()).getUpdate());
            }
        }); TransferStream progressStream = openProgress(progress)) {
            AtomicReference<Throwable> sendFailure = new AtomicReference<>();
            Thread sender = Thread.ofVirtual().name("archive-sender").start(() -> {
                try {
                    send(archive, data, window);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    sendFailure.set(e);
                    data.close();
                }
            });
            try {
                transfer(ImageImportStream.newBuilder().setStream(data.id()).setForceCompress(forceCompress).build(),
                        destination, progressStream);
            } finally {
                sender.interrupt();
            }
            if (sendFailure.get() instanceof IOException e) {
                throw e;
            }
        }
    }

    /**
     * Has the daemon import the archive in {@code file}, which it opens itself (a daemon whose
     * transfer plugin has the capability {@value ArchiveFiles#CAPABILITY}).
     * {@return false, with nothing imported, when the daemon cannot see the file: the archive is to be streamed}
     */
    public boolean importArchiveFile(Path file, ImageStore destination, boolean forceCompress, Consumer<Progress> progress)
            throws IOException {
        return transferUnlessNotVisible(ImageImportFile.newBuilder().setFile(ArchiveFiles.of(file))
                .setOptions(ImageImportStream.newBuilder().setForceCompress(forceCompress)).build(), destination, progress);
    }

    /**
     * Has the daemon export {@code source} into {@code file}, an existing regular file it opens
     * and writes itself, as {@link #importArchiveFile}.
     * {@return false, with nothing written, when the daemon cannot see the file: the archive is to be streamed}
     */
    public boolean exportArchiveFile(ImageStore source, ImageExportStream options, Path file, Consumer<Progress> progress)
            throws IOException {
        return transferUnlessNotVisible(source,
                ImageExportFile.newBuilder().setFile(ArchiveFiles.of(file)).setOptions(options).build(), progress);
    }

    /** A transfer naming an archive file; {@return false when the daemon refused it as {@value ArchiveFiles#NOT_VISIBLE}} */
    private boolean transferUnlessNotVisible(com.google.protobuf.Message source, com.google.protobuf.Message destination,
                                             Consumer<Progress> progress) throws IOException {
        try (TransferStream progressStream = openProgress(progress)) {
            transfer(source, destination, progressStream);
            return true;
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.FAILED_PRECONDITION && e.getMessage().startsWith(ArchiveFiles.NOT_VISIBLE)) {
                return false;
            }
            throw e;
        }
    }

    /** Has the daemon export {@code source} as an archive written to {@code out}. */
    public void exportArchive(ImageStore source, ImageExportStream options, OutputStream out,
                              Consumer<Progress> progress) throws IOException {
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        long[] outstanding = {0};
        AtomicReference<TransferStream> self = new AtomicReference<>();
        try (TransferStream data = TransferStream.open(channel, "export", message -> {
            if (!TransferStream.is(message, Data.getDefaultInstance()) || writeFailure.get() != null) {
                return;
            }
            ByteString bytes = TransferStream.unpack(message, Data.getDefaultInstance()).getData();
            try {
                bytes.writeTo(out);
            } catch (IOException e) {
                writeFailure.set(e);
                self.get().close();
                return;
            }
            outstanding[0] -= bytes.size();
            if (outstanding[0] < WINDOW / 2) {
                self.get().send(WindowUpdate.newBuilder().setUpdate(WINDOW).build());
                outstanding[0] += WINDOW;
            }
        }); TransferStream progressStream = openProgress(progress)) {
            self.set(data);
            outstanding[0] = WINDOW;
            data.send(WindowUpdate.newBuilder().setUpdate(WINDOW).build());
            transfer(source, options.toBuilder().setStream(data.id()).build(), progressStream);
            data.awaitEnd();
            if (writeFailure.get() != null) {
                throw writeFailure.get();
            }
        }
    }

    private TransferStream openProgress(Consumer<Progress> progress) throws IOException {
        return TransferStream.open(channel, "progress", message -> {
            if (TransferStream.is(message, ProgressOuterClass.Progress.getDefaultInstance())) {
                progress.accept(Progress.of(TransferStream.unpack(message, ProgressOuterClass.Progress.getDefaultInstance())));
            }
        });
    }

    private void transfer(com.google.protobuf.Message source, com.google.protobuf.Message destination,
                          TransferStream progressStream) {
        TransferRequest request = TransferRequest.newBuilder().setSource(pack(source)).setDestination(pack(destination))
                .setOptions(TransferOptions.newBuilder().setProgressStream(progressStream.id())).build();
        try {
            TransferGrpc.newBlockingStub(channel).transfer(request);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNKNOWN) {
                // an error of no kind, which the same import or export run here reports as it is
                throw new ErrdefsException(ErrorKind.UNKNOWN, String.valueOf(e.getStatus().getDescription()), e);
            }
            throw GrpcErrors.toErrdefs(e);
        }
    }

    private static Any pack(com.google.protobuf.Message message) {
        return Any.newBuilder().setTypeUrl(message.getDescriptorForType().getFullName()).setValue(message.toByteString()).build();
    }

    /** The archive in messages of at most 1 MiB, never more than the daemon granted, then the end of sending. */
    private static void send(InputStream archive, TransferStream data, Window window) throws IOException, InterruptedException {
        byte[] buffer = new byte[MAX_MESSAGE];
        while (true) {
            int allowed = (int) Math.min(MAX_MESSAGE, window.await());
            int n = archive.readNBytes(buffer, 0, allowed);
            if (n == 0) {
                break;
            }
            data.sendEncoded(DataMessages.TYPE_URL, DataMessages.encode(buffer, 0, n));
            window.use(n);
        }
        data.finishSending();
    }

    /** Bytes the receiving daemon has granted and this side has not used yet. */
    private static final class Window {
        private long available;

        synchronized void grant(long n) {
            available += n;
            notifyAll();
        }

        /** {@return the bytes available, waiting for a grant while there are none} */
        synchronized long await() throws InterruptedException {
            while (available <= 0) {
                wait();
            }
            return available;
        }

        synchronized void use(long n) {
            available -= n;
        }
    }
}
