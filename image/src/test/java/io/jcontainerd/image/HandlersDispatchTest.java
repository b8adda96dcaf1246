package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.Digest;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Handlers#dispatch}: every descriptor handled once its parent is, within the limit, the first failure thrown. */
class HandlersDispatchTest {
    static ImageDescriptor blob(int n) {
        byte[] hash = new byte[32];
        hash[31] = (byte) n;
        return ImageDescriptor.of(MediaTypes.OCI_LAYER, Digest.parse("sha256:" + HexFormat.of().formatHex(hash)), n);
    }

    /** 1 → 2, 3; 2 → 4, 5, 6; 3 → 7. */
    static final Map<Long, List<ImageDescriptor>> TREE = Map.of(
            1L, List.of(blob(2), blob(3)), 2L, List.of(blob(4), blob(5), blob(6)), 3L, List.of(blob(7)));

    @Test
    void handles_every_descriptor_after_its_parent_with_at_most_limit_at_once() throws IOException {
        Set<Long> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Handlers.dispatch(desc -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
                return TREE.getOrDefault(desc.size(), List.of());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                handled.add(desc.size());
                running.decrementAndGet();
            }
        }, List.of(blob(1)), 2);

        assertThat(handled).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(most.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void the_first_failure_is_thrown() {
        assertThatThrownBy(() -> Handlers.dispatch(desc -> {
            if (desc.size() == 5) {
                throw new IOException("blob 5 failed");
            }
            return TREE.getOrDefault(desc.size(), List.of());
        }, List.of(blob(1)), 0)).isInstanceOf(IOException.class).hasMessage("blob 5 failed");
    }
}
