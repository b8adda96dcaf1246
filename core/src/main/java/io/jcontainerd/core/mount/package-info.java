/** Mount descriptions: the lingua franca between snapshotters, differs and runtimes. */
package io.jcontainerd.core.mount;
