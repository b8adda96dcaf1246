package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code content} through every pairing. Each test works in its own namespace. Ages differ
 * between the sides and so does the width of their column, which ctr pads with tabs: ages read
 * {@code <age>} and runs of tabs one tab.
 */
class ContentParityIT extends DaemonParityBase {
    private static final String AGE = "Less than a second|\\d+ seconds?|About a minute";

    @TempDir
    Path dir;

    private static String withoutAges(String text) {
        return text.replaceAll(AGE, "<age>").replaceAll("\t+", "\t");
    }

    private ProcessResult content(String namespace, String... args) {
        return parity.assertSame(ContentParityIT::withoutAges, command(namespace, args));
    }

    /** Runs {@code content ingest} with {@code data} on stdin, on both sides. */
    private ProcessResult ingest(String namespace, String data, String... args) throws IOException {
        Path stdin = Files.createTempFile(dir, "stdin", "");
        Files.writeString(stdin, data);
        String[] ingestArgs = new String[args.length + 1];
        ingestArgs[0] = "ingest";
        System.arraycopy(args, 0, ingestArgs, 1, args.length);
        return parity.assertSameReading(stdin, ContentParityIT::withoutAges, command(namespace, ingestArgs));
    }

    private static String[] command(String namespace, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "-n";
        command[1] = namespace;
        command[2] = "content";
        System.arraycopy(args, 0, command, 3, args.length);
        return command;
    }

    private static String sha256(String data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void ingestThenGetReturnsTheSameBytes() throws IOException {
        String ns = "cp-ingest";
        String data = "hello content\n";
        assertThat(ingest(ns, data, "ref-1")).isEqualTo(new ProcessResult(0, "", ""));
        assertThat(content(ns, "get", sha256(data))).isEqualTo(new ProcessResult(0, data, ""));
        content(ns, "ls");
        assertThat(content(ns, "ls", "-q").stdout()).isEqualTo(sha256(data) + "\n");
        // present already: success without a word, with or without the digest announced
        ingest(ns, data, "ref-2");
        ingest(ns, data, "--expected-digest", sha256(data), "ref-3");
        content(ns, "active");
        content("cp-ingest-other", "ls", "-q");
        content("cp-ingest-other", "get", sha256(data));
        content(ns, "get", sha256("absent"));
        content(ns, "get", "nope");
        content(ns, "get");
    }

    @Test
    void anotherNamespaceClaimsABlobByItsDigest() throws IOException {
        String data = "shared bytes";
        // a collection due from an earlier deletion would take the unreferenced blob on one side only
        parity.collectGarbageOnBoth();
        ingest("cp-share-a", data, "ref");
        parity.ctrOnBoth(command("cp-share-a", "label", sha256(data), "containerd.io/gc.root=kept"));
        ingest("cp-share-b", "", "--expected-digest", sha256(data), "--expected-size", "12", "ref");
        content("cp-share-b", "ls");
        content("cp-share-b", "get", sha256(data));
    }

    @Test
    void wrongDigestIsRejectedAndNoBlobRemains() throws IOException {
        String ns = "cp-wrong-digest";
        ProcessResult wrong = ingest(ns, "data", "--expected-digest", sha256("other"), "ref");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.stderr()).startsWith("ctr: failed commit on ref \"ref\": commit failed: unexpected commit digest");
        content(ns, "ls", "-q");
        content(ns, "active");
        ingest(ns, "data", "--expected-digest", "sha256:abc", "ref");
        ingest(ns, "data", "--expected-digest", "nope", "ref");
        ingest(ns, "data");
    }

    @Test
    void wrongSizeIsRejectedAndNoBlobRemains() throws IOException {
        String ns = "cp-wrong-size";
        ProcessResult small = ingest(ns, "data", "--expected-size", "3", "small");
        assertThat(small.stderr()).isEqualTo(
                "ctr: failed commit on ref \"small\": commit failed: \"small\" failed size validation: 4 != 3: failed precondition\n");
        content(ns, "ls", "-q");
        content("cp-wrong-size-2", "ls");
        ingest("cp-wrong-size-2", "data", "--expected-size", "5", "large");
        content("cp-wrong-size-2", "ls", "-q");
    }

    @Test
    void listFilters() throws IOException {
        String ns = "cp-filter";
        ingest(ns, "one", "r1");
        ingest(ns, "two", "r2");
        content(ns, "label", sha256("one"), "team=infra");
        content(ns, "ls");
        content(ns, "ls", "-q", "labels.team==infra");
        content(ns, "ls", "-q", "digest==" + sha256("two"));
        content(ns, "ls", "-q", "labels.team!=infra");
        content(ns, "ls", "-q", "labels.team", "digest==" + sha256("two"));
        content(ns, "ls", "bad filter==");
        content(ns, "active", "ref==r1");
    }

    @Test
    void label() throws IOException {
        String ns = "cp-label";
        ingest(ns, "labelled", "r");
        String digest = sha256("labelled");
        // one label at a time: ctr prints them in Go's random map order
        assertThat(content(ns, "label", digest, "a=1").stdout()).isEqualTo("a=1\n");
        content(ns, "label", digest);
        assertThat(content(ns, "label", digest, "a=").stdout()).isEqualTo("\n");
        content(ns, "label", digest, "bare");
        content(ns, "label", digest, "bare=");
        content(ns, "label", sha256("absent"), "a=1");
        content(ns, "label", "nope", "a=1");
        content(ns, "label");
    }

    @Test
    void remove() throws IOException {
        String ns = "cp-remove";
        ingest(ns, "first", "r1");
        assertThat(content(ns, "rm", sha256("first"), sha256("absent")))
                .isEqualTo(new ProcessResult(0, sha256("first") + "\n", ""));
        parity.collectGarbageOnBoth();
        content(ns, "ls", "-q");
        content(ns, "get", sha256("first"));
        content(ns, "del", "nope", sha256("absent"));
        content(ns, "delete");
    }

    @Test
    void aNamespaceHoldingBlobsCannotBeRemoved() throws IOException {
        String ns = "cp-nsrm";
        ingest(ns, "held", "r");
        ProcessResult rm = parity.assertSame("namespaces", "rm", ns);
        assertThat(rm.stderr()).endsWith("ctr: unable to delete " + ns + ": namespace \"" + ns
                + "\" must be empty, but it still has blobs: failed precondition\n");
        content(ns, "rm", sha256("held"));
        parity.collectGarbageOnBoth();
        parity.assertSame("namespaces", "rm", ns);
    }

    @Test
    void garbageCollectionKeepsRootsAndWhatTheirLabelsReference() throws IOException {
        String ns = "cp-gc";
        ingest(ns, "loose", "r1");
        ingest(ns, "root", "r2");
        ingest(ns, "child", "r3");
        content(ns, "label", sha256("root"), "containerd.io/gc.root=yes");
        // not compared: ctr prints the two labels in Go's random map order
        parity.ctrOnBoth(command(ns, "label", sha256("root"), "containerd.io/gc.ref.content.c=" + sha256("child")));
        parity.collectGarbageOnBoth();
        assertThat(content(ns, "ls", "-q").stdout().lines()).containsExactlyInAnyOrder(sha256("root"), sha256("child"));
        assertThat(content(ns, "get", sha256("loose")).exitCode()).isEqualTo(1);

        content(ns, "label", sha256("root"), "containerd.io/gc.root=");
        parity.collectGarbageOnBoth();
        assertThat(content(ns, "ls", "-q").stdout()).isEmpty();
    }

    @Test
    void editWritesTheEditedBytesAsANewBlob() throws IOException {
        String ns = "cp-edit";
        String original = sha256("hello edit\n");
        ingest(ns, "hello edit\n", "r");
        // an editor that rewrites the file in place: ctr reads back through the handle it wrote,
        // so it misses editors that replace the file (sed -i); jctr rereads the path and sees both
        assertThat(content(ns, "edit", "--editor", "echo howdy edit | tee >/dev/null", original).stdout())
                .isEqualTo(sha256("howdy edit\n") + "\n");
        assertThat(content(ns, "get", sha256("howdy edit\n")).stdout()).isEqualTo("howdy edit\n");
        content(ns, "edit", "--editor", "true", original);
        content(ns, "active");
        content(ns, "edit", "--editor", "false", original);
        content(ns, "edit", "--editor", "exit 3;", original);
        content(ns, "edit", "--editor=", original);
        content(ns, "edit", "--validate", "json", original);
        content(ns, "edit", "--editor", "true", sha256("absent"));
        content(ns, "edit", "--editor", "true", "nope");
    }

    @Test
    void pruneReferencesDropsLayerLabelsAndCollects() throws IOException {
        String ns = "cp-prune";
        ingest(ns, "manifest", "m");
        ingest(ns, "layer", "l");
        ingest(ns, "legacy layer", "ll");
        ingest(ns, "config", "c");
        String manifest = sha256("manifest");
        // one label per call: ctr prints several in Go's random map order
        content(ns, "label", manifest, "containerd.io/gc.root=yes");
        parity.ctrOnBoth(command(ns, "label", manifest, "containerd.io/gc.ref.content.l.0=" + sha256("layer")));
        parity.ctrOnBoth(command(ns, "label", manifest, "containerd.io/gc.ref.content.2=" + sha256("legacy layer")));
        parity.ctrOnBoth(command(ns, "label", manifest, "containerd.io/gc.ref.content.config=" + sha256("config")));
        parity.collectGarbageOnBoth();
        assertThat(content(ns, "ls", "-q").stdout().lines()).hasSize(4);

        assertThat(content(ns, "prune", "references")).isEqualTo(new ProcessResult(0, "", ""));
        assertThat(content(ns, "ls", "-q").stdout().lines())
                .containsExactlyInAnyOrder(manifest, sha256("config"));
        parity.ctrOnBoth(command(ns, "label", manifest, "containerd.io/gc.root="));
        parity.collectGarbageOnBoth();
    }
}
