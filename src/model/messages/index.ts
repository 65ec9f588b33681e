import { commonMessages } from './common.js';
import { teamMessages } from './teams.js';
import { userMessages } from './users.js';
import { credentialMessages } from './credentials.js';
import { channelMessages } from './channels.js';

/** Every area's message table, merged; ids are unique across areas. */
export const messages: Readonly<Record<string, string>> = {
  ...commonMessages,
  ...userMessages,
  ...credentialMessages,
  ...teamMessages,
  ...channelMessages,
};
