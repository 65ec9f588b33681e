/**
 * Where the sockets of a user are, across nodes: a user is offline only once no node has one
 * open. One node alone needs no directory; the cluster layer provides a shared one.
 */
export interface PresenceDirectory {
  /** Records how many sockets of the user are open on this node (0 forgets the user here). */
  setLocalCount(userId: string, count: number): Promise<void>;
  /** Sockets of the user open on the other live nodes. */
  countElsewhere(userId: string): Promise<number>;
}

export const singleNodePresence: PresenceDirectory = {
  setLocalCount: async () => undefined,
  countElsewhere: async () => 0,
};
