/** logfmt logging shaped like containerd's. */
package io.jcontainerd.daemon.log;
