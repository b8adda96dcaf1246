/** Namespaces: the tenancy boundary of every containerd object, and label rules shared by all objects. */
package io.jcontainerd.core.namespaces;
