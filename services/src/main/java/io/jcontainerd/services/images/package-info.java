/** The images service ({@code io.containerd.service.v1 images-service}) and the Images API over it. */
package io.jcontainerd.services.images;
