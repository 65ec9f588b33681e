import { commonMessages } from './common.js';
import { teamMessages } from './teams.js';
import { realtimeMessages } from './realtime.js';
import { statusMessages } from './statuses.js';
import { profileImageMessages } from './profile-images.js';
import { userMessages } from './users.js';
import { credentialMessages } from './credentials.js';
import { oauthMessages } from './oauth.js';
import { botMessages } from './bots.js';
import { groupMessages } from './groups.js';
import { channelMessages } from './channels.js';
import { preferenceMessages } from './preferences.js';
import { emojiMessages } from './emoji.js';

/** Every area's message table, merged; ids are unique across areas. */
export const messages: Readonly<Record<string, string>> = {
  ...commonMessages,
  ...userMessages,
  ...credentialMessages,
  ...teamMessages,
  ...statusMessages,
  ...realtimeMessages,
  ...profileImageMessages,
  ...oauthMessages,
  ...botMessages,
  ...groupMessages,
  ...channelMessages,
  ...preferenceMessages,
  ...emojiMessages,
};
