import { commonMessages } from './common.js';
import { profileImageMessages } from './profile-images.js';
import { userMessages } from './users.js';

/** Every area's message table, merged; ids are unique across areas. */
export const messages: Readonly<Record<string, string>> = {
  ...commonMessages,
  ...userMessages,
  ...profileImageMessages,
};
