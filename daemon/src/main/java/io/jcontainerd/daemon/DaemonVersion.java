package io.jcontainerd.daemon;

/**
 * What the daemon reports as its version: the containerd API level it is a drop-in for, with our
 * own release as semver build metadata, so clients that gate features on containerd's version
 * (nerdctl, dockerd, kubelet) see the level we implement.
 */
public record DaemonVersion(String version, String revision) {
    public static final String CONTAINERD_API_LEVEL = "1.6.20";
    public static final String PACKAGE = "github.com/jcontainerd/jcontainerd";

    public static DaemonVersion current() {
        Package p = DaemonVersion.class.getPackage();
        String release = p == null || p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
        String revision = System.getProperty("jcontainerd.revision", "");
        return new DaemonVersion(CONTAINERD_API_LEVEL + "+jcontainerd." + release, revision);
    }
}
