import type { TeamMemberRecord, TeamRecord } from '../../model/team.js';
import type { UserRecord } from '../../model/user.js';
import type { Store } from '../../store/store.js';
import type { Emit } from '../common/unit-of-work.js';

/**
 * What other areas do when teams change, inside the same transaction as the change. The channels
 * area implements it: default channels (`town-square`, `off-topic`, ExperimentalDefaultChannels)
 * on creation, joining them on membership, leaving the team's channels on removal, and erasing
 * channels with the team.
 */
export interface TeamHooks {
  /** A team was stored; `creatorId` is about to join it as admin. */
  onTeamCreated(tx: Store, team: TeamRecord, emit: Emit): Promise<void>;
  /**
   * A membership became live (new or rejoined). Mattermost joins non-guests to the default
   * channels here, as channel admin when `member.scheme_admin`.
   */
  onMemberAdded(tx: Store, change: { team: TeamRecord; user: UserRecord; member: TeamMemberRecord; actorId: string }, emit: Emit): Promise<void>;
  /** A membership is being removed: drop the user's memberships of the team's channels. */
  onMemberRemoved(tx: Store, change: { team: TeamRecord; user: UserRecord; actorId: string }, emit: Emit): Promise<void>;
  /** The team is about to be erased: erase its channels. */
  onTeamPermanentlyDeleted(tx: Store, team: TeamRecord, emit: Emit): Promise<void>;
}

/** Runs every registered TeamHooks in registration order; with none registered, teams stand alone. */
export class TeamHookList implements TeamHooks {
  private readonly hooks: TeamHooks[] = [];

  register(hooks: TeamHooks): void {
    this.hooks.push(hooks);
  }

  async onTeamCreated(tx: Store, team: TeamRecord, emit: Emit): Promise<void> {
    for (const h of this.hooks) await h.onTeamCreated(tx, team, emit);
  }

  async onMemberAdded(tx: Store, change: { team: TeamRecord; user: UserRecord; member: TeamMemberRecord; actorId: string }, emit: Emit): Promise<void> {
    for (const h of this.hooks) await h.onMemberAdded(tx, change, emit);
  }

  async onMemberRemoved(tx: Store, change: { team: TeamRecord; user: UserRecord; actorId: string }, emit: Emit): Promise<void> {
    for (const h of this.hooks) await h.onMemberRemoved(tx, change, emit);
  }

  async onTeamPermanentlyDeleted(tx: Store, team: TeamRecord, emit: Emit): Promise<void> {
    for (const h of this.hooks) await h.onTeamPermanentlyDeleted(tx, team, emit);
  }
}
