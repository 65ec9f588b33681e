import { commonMessages } from './common.js';
import { userMessages } from './users.js';
import { credentialMessages } from './credentials.js';
import { oauthMessages } from './oauth.js';
import { botMessages } from './bots.js';
import { groupMessages } from './groups.js';

/** Every area's message table, merged; ids are unique across areas. */
export const messages: Readonly<Record<string, string>> = {
  ...commonMessages,
  ...userMessages,
  ...credentialMessages,
  ...oauthMessages,
  ...botMessages,
  ...groupMessages,
};
