package io.jcontainerd.core.events;

import io.jcontainerd.core.types.TypedValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ExchangeTest {
    private static final Duration NOW = Duration.ZERO;
    private static final Duration SOON = Duration.ofSeconds(5);

    // a payload's fields for the tests: its bytes are "name" (present when not empty)
    private static final PayloadFields NAME_FIELDS = payload -> path -> path.equals(List.of("name"))
            ? Optional.of(new String(payload.value(), StandardCharsets.UTF_8)).filter(s -> !s.isEmpty())
            : Optional.empty();

    private final Exchange exchange = new Exchange(NAME_FIELDS, SubscriberLimits.DEFAULT);

    @AfterEach
    void close() {
        exchange.close();
    }

    private static TypedValue named(String name) {
        return new TypedValue("test.Event", name.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> drain(Subscription s) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (Optional<EventEnvelope> e = s.poll(NOW); e.isPresent(); e = s.poll(NOW)) {
            names.add(e.get().topic() + " " + new String(e.get().event().value(), StandardCharsets.UTF_8));
        }
        return names;
    }

    @Test
    void publish_stamps_the_envelope_and_every_subscriber_gets_it() throws Exception {
        Subscription a = exchange.subscribe(List.of());
        Subscription b = exchange.subscribe(List.of());
        Instant before = Instant.now();
        exchange.publish("ns1", "/things/create", named("x"));

        EventEnvelope got = a.poll(SOON).orElseThrow();
        assertThat(got.namespace()).isEqualTo("ns1");
        assertThat(got.topic()).isEqualTo("/things/create");
        assertThat(got.event()).isEqualTo(named("x"));
        assertThat(got.timestamp()).isBetween(before, Instant.now());
        assertThat(b.poll(SOON)).contains(got);
    }

    @Test
    void subscribers_get_what_was_published_after_they_subscribed() throws Exception {
        exchange.publish("ns", "/early", named("a"));
        Subscription s = exchange.subscribe(List.of());
        exchange.publish("ns", "/late", named("b"));
        assertThat(drain(s)).containsExactly("/late b");
    }

    @Test
    void filters_on_topic_namespace_and_event_fields_any_of_several() throws Exception {
        Subscription byTopic = exchange.subscribe(List.of("topic==\"/a/create\""));
        Subscription byNamespaceAndRegex = exchange.subscribe(List.of("namespace==one,topic~=^/b/"));
        Subscription byEvent = exchange.subscribe(List.of("event.name==n2", "event.name~=^n4$"));
        Subscription byMissingField = exchange.subscribe(List.of("timestamp", "event"));

        exchange.publish("one", "/a/create", named("n1"));
        exchange.publish("one", "/b/update", named("n2"));
        exchange.publish("two", "/b/update", named("n3"));
        exchange.publish("two", "/c/delete", named("n4"));

        assertThat(drain(byTopic)).containsExactly("/a/create n1");
        assertThat(drain(byNamespaceAndRegex)).containsExactly("/b/update n2");
        assertThat(drain(byEvent)).containsExactly("/b/update n2", "/c/delete n4");
        assertThat(drain(byMissingField)).isEmpty();
    }

    @Test
    void a_filter_that_does_not_parse_is_invalid() {
        assertThatThrownBy(() -> exchange.subscribe(List.of("topic==")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("failed parsing subscription filters: filters: parse error: [topic==]: expected value or quoted: invalid argument");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''      | envelope topic "": must not be empty: invalid argument
            x       | envelope topic "x": must start with '/': invalid argument
            /       | envelope topic "/": must have at least one component: invalid argument
            /a//b   | envelope topic "/a//b": failed validation on component "": identifier must not be empty: invalid argument
            /a/     | envelope topic "/a/": failed validation on component "": identifier must not be empty: invalid argument
            /a/B_   | envelope topic "/a/B_": failed validation on component "B_": identifier "B_" must match ^[A-Za-z0-9]+(?:[._-](?:[A-Za-z0-9]+))*$: invalid argument
            """)
    void topics_must_be_slash_separated_identifiers(String topic, String message) {
        assertThatThrownBy(() -> exchange.publish("ns", topic, named("x")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void topics_may_use_identifier_separators() throws Exception {
        Subscription s = exchange.subscribe(List.of());
        exchange.publish("ns", "/tasks/exec-added/v1.2", named("x"));
        assertThat(drain(s)).containsExactly("/tasks/exec-added/v1.2 x");
    }

    @Test
    void publish_needs_a_valid_namespace() {
        assertThatThrownBy(() -> exchange.publish(null, "/t", named("x")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION))
                .hasMessage("failed publishing event: namespace is required: failed precondition");
        assertThatThrownBy(() -> exchange.publish("", "/t", named("x")))
                .hasMessage("failed publishing event: namespace is required: failed precondition");
        assertThatThrownBy(() -> exchange.publish("Bad_", "/t", named("x")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageStartingWith("failed publishing event: namespace validation: identifier \"Bad_\" must match");
    }

    @Test
    void forward_keeps_the_envelope_as_it_is() throws Exception {
        Subscription s = exchange.subscribe(List.of("namespace==other"));
        EventEnvelope envelope = new EventEnvelope(Instant.parse("2020-01-02T03:04:05.123456789Z"), "other",
                "/shim/thing", named("y"));
        exchange.forward(envelope);
        assertThat(s.poll(SOON)).contains(envelope);
    }

    @Test
    void forward_validates_namespace_topic_and_timestamp() {
        Instant t = Instant.now();
        assertThatThrownBy(() -> exchange.forward(new EventEnvelope(t, "", "/t", named("x"))))
                .hasMessage("event envelope has invalid namespace: identifier must not be empty: invalid argument");
        assertThatThrownBy(() -> exchange.forward(new EventEnvelope(t, "ns", "t", named("x"))))
                .hasMessage("envelope topic \"t\": must start with '/': invalid argument");
        assertThatThrownBy(() -> exchange.forward(new EventEnvelope(EventEnvelope.UNSET_TIMESTAMP, "ns", "/t", named("x"))))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("timestamp must be set on forwarded event: invalid argument");
        assertThatThrownBy(() -> exchange.forward(new EventEnvelope(t, "ns", "/t", new TypedValue("", new byte[0]))))
                .hasMessage("event is required: invalid argument");
    }

    @Test
    void an_event_without_a_type_is_invalid() {
        assertThatThrownBy(() -> exchange.publish("ns", "/t", new TypedValue("", new byte[0])))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("event is required: invalid argument");
    }

    @Test
    void next_waits_for_an_event_from_another_thread() throws Exception {
        Subscription s = exchange.subscribe(List.of());
        CompletableFuture<Optional<EventEnvelope>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return s.next();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(next).isNotDone();
        exchange.publish("ns", "/t", named("x"));
        assertThat(next.get(5, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void closing_a_subscription_wakes_its_reader_and_drops_what_is_queued() throws Exception {
        Subscription s = exchange.subscribe(List.of());
        Subscription other = exchange.subscribe(List.of());
        exchange.publish("ns", "/t", named("queued"));
        CountDownLatch reading = new CountDownLatch(1);
        Subscription waiting = exchange.subscribe(List.of("topic==never"));
        CompletableFuture<Optional<EventEnvelope>> blocked = CompletableFuture.supplyAsync(() -> {
            reading.countDown();
            try {
                return waiting.next();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        reading.await();
        waiting.close();
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isEmpty();

        s.close();
        s.close();
        exchange.publish("ns", "/t", named("after"));
        assertThat(s.next()).isEmpty();
        assertThat(drain(other)).containsExactly("/t queued", "/t after");
    }

    @Test
    void a_slow_subscriber_is_ended_with_resource_exhausted_without_holding_up_others() throws Exception {
        Exchange small = new Exchange(NAME_FIELDS, new SubscriberLimits(3, 1 << 20));
        Subscription slow = small.subscribe(List.of());
        Subscription fast = small.subscribe(List.of());
        List<String> fastGot = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            small.publish("ns", "/t", named("e" + i));
            fastGot.addAll(drain(fast));
        }
        assertThat(fastGot).containsExactly("/t e1", "/t e2", "/t e3", "/t e4", "/t e5", "/t e6");

        // what was queued still arrives, then the reason the subscription ended
        for (int i = 1; i <= 3; i++) {
            assertThat(slow.next()).isPresent();
        }
        assertThatThrownBy(slow::next)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED))
                .hasMessageStartingWith("event subscriber fell behind: 3 events (");
        slow.close();
        assertThat(slow.next()).isEmpty();
    }

    @Test
    void the_byte_limit_counts_payloads_but_one_large_event_still_gets_through() throws Exception {
        Exchange small = new Exchange(NAME_FIELDS, new SubscriberLimits(1000, 1000));
        Subscription s = small.subscribe(List.of());
        small.publish("ns", "/t", named("x".repeat(5000)));
        assertThat(s.next()).isPresent();
        small.publish("ns", "/t", named("x".repeat(600)));
        small.publish("ns", "/t", named("x".repeat(600)));
        assertThat(s.next()).isPresent();
        assertThatThrownBy(s::next).isInstanceOfSatisfying(ErrdefsException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED));
    }

    @Test
    void closing_the_exchange_ends_subscriptions_with_unavailable_after_their_events() throws Exception {
        Subscription s = exchange.subscribe(List.of());
        exchange.publish("ns", "/t", named("last"));
        exchange.close();
        exchange.publish("ns", "/t", named("nowhere"));
        assertThat(s.next()).map(EventEnvelope::event).contains(named("last"));
        assertThatThrownBy(s::next)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessage("event exchange is shutting down: unavailable");
        assertThatThrownBy(() -> exchange.subscribe(List.of()))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    @Test
    void concurrent_publishers_are_seen_in_one_order_by_everyone() throws Exception {
        Subscription a = exchange.subscribe(List.of());
        Subscription b = exchange.subscribe(List.of());
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String name = "p" + p;
            publishers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    exchange.publish("ns", "/t", named(name + "-" + i));
                }
            }));
        }
        for (Thread t : publishers) {
            t.join();
        }
        List<String> seenByA = drain(a);
        assertThat(seenByA).hasSize(800);
        assertThat(drain(b)).isEqualTo(seenByA);
    }
}
