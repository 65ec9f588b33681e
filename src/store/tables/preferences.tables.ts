/** Users' settings, one row per (user_id, category, name), as Mattermost's Preferences table. */
export interface PreferencesTable {
  user_id: string;
  category: string;
  name: string;
  value: string;
}

export interface PreferenceTables {
  preferences: PreferencesTable;
}
