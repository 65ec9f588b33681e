import type { RoleTables } from './tables/roles.tables.js';
import type { SchemeTables } from './tables/schemes.tables.js';
import type { StatusTables } from './tables/statuses.tables.js';
import type { TeamTables } from './tables/teams.tables.js';
import type { UserTables } from './tables/users.tables.js';
import type { PreferenceTables } from './tables/preferences.tables.js';
import type { EmojiTables } from './tables/emoji.tables.js';
import type { ChannelTables } from './tables/channels.tables.js';
import type { OAuthTables } from './tables/oauth.tables.js';
import type { BotTables } from './tables/bots.tables.js';
import type { GroupTables } from './tables/groups.tables.js';

/** Every table Kysely knows, one interface per area under `tables/`. */
export interface DB extends UserTables, RoleTables, SchemeTables, TeamTables, StatusTables, OAuthTables, BotTables, GroupTables, ChannelTables, PreferenceTables, EmojiTables {}
