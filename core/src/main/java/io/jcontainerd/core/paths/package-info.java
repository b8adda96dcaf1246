/** Go-compatible lexical path handling shared by every module. */
package io.jcontainerd.core.paths;
