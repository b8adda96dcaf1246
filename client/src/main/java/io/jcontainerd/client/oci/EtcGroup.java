package io.jcontainerd.client.oci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A container's {@code /etc/group}, read as containerd reads it for {@code WithAdditionalGIDs}:
 * the groups that list a user as a member, except the group named like the user.
 */
public final class EtcGroup {
    private EtcGroup() {
    }

    /** {@return the ids of the supplementary groups of {@code username}, in file order} */
    public static List<Long> supplementaryGids(String groupFile, String username) {
        List<Long> gids = new ArrayList<>();
        for (String line : groupFile.split("\n")) {
            String[] fields = line.strip().split(":", -1);
            if (line.isBlank() || line.startsWith("#") || fields.length < 4 || fields[0].equals(username)) {
                continue;
            }
            if (Arrays.asList(fields[3].split(",")).contains(username)) {
                // a malformed line is skipped, as runc's user parser skips it; so is a gid out of
                // range, which would otherwise wrap to a group the file does not name
                UserId.parse(fields[2]).ifPresent(gids::add);
            }
        }
        return gids;
    }
}
