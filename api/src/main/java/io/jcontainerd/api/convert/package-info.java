/** Between core's values and the API's messages, shared by the daemon's services and the client. */
package io.jcontainerd.api.convert;
