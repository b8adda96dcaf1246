package io.jcontainerd.client.cio;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/** What a process's FIFOs are copied from and to on the client's side; a null stream is not connected. */
public record Streams(InputStream stdin, OutputStream stdout, OutputStream stderr) {
    /** {@return this program's own stdin, stdout and stderr, unbuffered} */
    public static Streams stdio() {
        return new Streams(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err));
    }
}
