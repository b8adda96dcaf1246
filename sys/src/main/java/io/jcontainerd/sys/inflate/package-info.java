/** gzip decoding by Intel's ISA-L through FFM, with the JDK's zlib where it is missing. */
package io.jcontainerd.sys.inflate;
