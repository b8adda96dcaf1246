package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.client.oci.RuntimeSpec;

/**
 * The spec options only {@code run} has (its {@code --cgroup}, {@code --platform}, {@code --cpus},
 * {@code --cpu-shares}); {@link #NONE} for {@code containers create}.
 *
 * @param cgroup    the cgroup path, null when not given (empty means none)
 * @param platform  the image platform to run, empty for the default
 * @param cpus      CFS quota in CPUs, 0 for none
 * @param cpuShares cpu shares, 0 for none
 */
public record RunOnlyOptions(String cgroup, String platform, double cpus, int cpuShares) {
    public static final RunOnlyOptions NONE = new RunOnlyOptions(null, "", 0, 0);
    /** ctr's CFS period for {@code --cpus}. */
    private static final long CPUS_PERIOD = 100_000;

    /** {@code --cpus} as {@code WithCPUCFS(cpus * 100000, 100000)}, then {@code --cpu-shares}. */
    void applyCpu(RuntimeSpec spec) {
        if (cpus > 0) {
            spec.withCpuCfs((long) (cpus * CPUS_PERIOD), CPUS_PERIOD);
        }
        if (cpuShares > 0) {
            spec.withCpuShares(cpuShares);
        }
    }
}
