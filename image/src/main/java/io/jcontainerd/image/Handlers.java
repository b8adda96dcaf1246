package io.jcontainerd.image;

import io.jcontainerd.core.content.Provider;
import io.jcontainerd.core.errdefs.Errdefs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Walking an image's content graph and the handlers upstream composes for it ({@code images/handlers.go}). */
public final class Handlers {
    private Handlers() {
    }

    /**
     * Visits {@code roots} depth first, each descriptor before its children and its children before
     * its next sibling, as upstream's {@code images.Walk}. Iterative, so a deep chain of indexes
     * cannot overflow the stack. Stops at the first error.
     */
    public static void walk(Handler handler, List<ImageDescriptor> roots) throws IOException {
        Deque<Iterator<ImageDescriptor>> pending = new ArrayDeque<>();
        pending.push(roots.iterator());
        while (!pending.isEmpty()) {
            Iterator<ImageDescriptor> siblings = pending.peek();
            if (!siblings.hasNext()) {
                pending.pop();
                continue;
            }
            List<ImageDescriptor> children = handler.handle(siblings.next());
            if (!children.isEmpty()) {
                pending.push(children.iterator());
            }
        }
    }

    /**
     * Upstream's {@code images.Dispatch}: runs {@code handler} on every root at once and on each
     * one's children as soon as it is handled (virtual threads), with at most {@code limit} handlers
     * running (0: no limit). The first failure cancels the rest and is thrown.
     */
    public static void dispatch(Handler handler, List<ImageDescriptor> roots, int limit) throws IOException {
        Semaphore limiter = limit > 0 ? new Semaphore(limit) : null;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            dispatch(handler, roots, limiter, executor);
        }
    }

    private static void dispatch(Handler handler, List<ImageDescriptor> descs, Semaphore limiter, ExecutorService executor)
            throws IOException {
        List<Future<Void>> tasks = new ArrayList<>(descs.size());
        for (ImageDescriptor desc : descs) {
            tasks.add(executor.submit(() -> {
                dispatch(handler, handleLimited(handler, desc, limiter), limiter, executor);
                return null;
            }));
        }
        try {
            for (Future<Void> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            tasks.forEach(t -> t.cancel(true));
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        } catch (InterruptedException e) {
            tasks.forEach(t -> t.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("dispatch interrupted");
        }
    }

    private static List<ImageDescriptor> handleLimited(Handler handler, ImageDescriptor desc, Semaphore limiter)
            throws IOException {
        if (limiter == null) {
            return handler.handle(desc);
        }
        limiter.acquireUninterruptibly();
        try {
            return handler.handle(desc);
        } finally {
            limiter.release();
        }
    }

    /** {@return a handler running {@code handlers} in order and walking all their children, in that order} */
    public static Handler sequence(Handler... handlers) {
        List<Handler> all = List.of(handlers);
        return desc -> {
            List<ImageDescriptor> children = new ArrayList<>();
            for (Handler h : all) {
                children.addAll(h.handle(desc));
            }
            return children;
        };
    }

    /** {@return a handler returning the children of manifests and indexes ({@link Images#children})} */
    public static Handler children(Provider provider) {
        return desc -> Images.children(provider, desc);
    }

    /** {@return {@code handler} with children whose declared platform {@code matcher} rejects dropped; children without a platform are kept} */
    public static Handler filterPlatforms(Handler handler, PlatformMatcher matcher) {
        return desc -> handler.handle(desc).stream()
                .filter(d -> d.platform() == null || matcher.match(d.platform()))
                .toList();
    }

    /**
     * {@return {@code handler} with the manifests of an index sorted by {@code comparer}'s preference
     * (declared platforms first, ties in index order) and cut to the first {@code limit}; a limit
     * of 0 or less keeps them all}
     * An index that leaves nothing fails NOT_FOUND "no match for platform in manifest".
     */
    public static Handler limitManifests(Handler handler, MatchComparer comparer, int limit) {
        return desc -> {
            List<ImageDescriptor> children = handler.handle(desc);
            if (!MediaTypes.isIndexType(desc.mediaType())) {
                return children;
            }
            List<ImageDescriptor> sorted = children.stream().sorted(byPreference(comparer)).toList();
            if (limit > 0) {
                if (sorted.isEmpty()) {
                    throw Errdefs.notFound("no match for platform in manifest");
                }
                if (sorted.size() > limit) {
                    return sorted.subList(0, limit);
                }
            }
            return sorted;
        };
    }

    /** Upstream's stable sort of index entries: by {@code comparer.less}, entries without a platform last. */
    static Comparator<ImageDescriptor> byPreference(MatchComparer comparer) {
        return (a, b) -> {
            if (a.platform() == null || b.platform() == null) {
                return Boolean.compare(a.platform() == null, b.platform() == null);
            }
            if (comparer.less(a.platform(), b.platform())) {
                return -1;
            }
            return comparer.less(b.platform(), a.platform()) ? 1 : 0;
        };
    }
}
