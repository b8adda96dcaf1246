package io.jcontainerd.ctr.cli;

import io.jcontainerd.core.time.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** picocli's hook for Go duration flags; any failure reads "parse error" as in Go. */
public final class GoDurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return GoDuration.parse(value);
    }
}
