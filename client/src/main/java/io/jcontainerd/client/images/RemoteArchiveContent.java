package io.jcontainerd.client.images;

import io.jcontainerd.client.ContentClient;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.image.archive.ArchiveContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/** Archive import and export over the content API. */
public record RemoteArchiveContent(ContentClient content) implements ArchiveContent {
    @Override
    public ReaderAt readerAt(Digest digest) {
        return content.readerAt(digest);
    }

    @Override
    public Info info(Digest digest) {
        return content.info(digest);
    }

    @Override
    public List<Info> list(List<String> filters) {
        return content.list(filters);
    }

    @Override
    public void read(Digest digest, OutputStream out) throws IOException {
        content.read(digest, out);
    }

    @Override
    public void label(Digest digest, Map<String, String> labels) {
        content.update(digest, labels, labels.keySet().stream().map(k -> "labels." + k).toList());
    }

    @Override
    public Digest write(String ref, InputStream data, long size, Digest expected, Map<String, String> labels)
            throws IOException {
        MessageDigest sha = DigestAlgorithm.CANONICAL.newMessageDigest();
        content.writeBlob(ref, new DigestInputStream(data, sha), size, expected, labels);
        // a blob already present is not read; its digest comes from the rest of the stream
        new DigestInputStream(data, sha).transferTo(OutputStream.nullOutputStream());
        return Digest.of(DigestAlgorithm.CANONICAL, sha.digest());
    }
}
