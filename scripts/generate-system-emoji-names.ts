/**
 * Writes src/model/system-emoji-names.json: every name Mattermost knows as a system emoji, which a
 * custom emoji may not take. Mattermost builds its list from the `emoji-datasource` package
 * (version 6.1.1 for the current list): each emoji's short names, the same names with a skin-tone
 * suffix for each skin variation, the older gemoji names below, and its own `mattermost` emoji.
 *
 *   npm pack emoji-datasource@6.1.1 && tar xzf emoji-datasource-6.1.1.tgz package/emoji.json
 *   npx tsx scripts/generate-system-emoji-names.ts package/emoji.json
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface SourceEmoji {
  short_name: string;
  short_names: string[];
  skin_variations?: Record<string, unknown>;
}

const SKIN_TONES: Readonly<Record<string, string>> = {
  '1F3FB': 'light_skin_tone',
  '1F3FC': 'medium_light_skin_tone',
  '1F3FD': 'medium_skin_tone',
  '1F3FE': 'medium_dark_skin_tone',
  '1F3FF': 'dark_skin_tone',
};

/**
 * Older names Mattermost keeps for compatibility: `emoji name [name...]`. A name ending in `+` is
 * also given to the emoji's five skin-tone variations (`<name>_<tone>`).
 */
const OLDER_NAMES = `
admission_tickets tickets
airplane_arriving flight_arrival
airplane_departure flight_departure
badminton_racquet_and_shuttlecock badminton
ballot_box_with_ballot ballot_box
barely_sunny sun_behind_large_cloud
beach_with_umbrella beach_umbrella
biohazard_sign biohazard
black_circle_for_record record_button
black_left_pointing_double_triangle_with_vertical_bar previous_track_button
black_right_pointing_double_triangle_with_vertical_bar next_track_button
black_right_pointing_triangle_with_double_vertical_bar play_or_pause_button
black_square_for_stop stop_button
blond-haired-man blonde_man+
blond-haired-woman blonde_woman+
camera_with_flash camera_flash
cheese_wedge cheese
compression clamp
dagger_knife dagger
derelict_house_building derelict_house
double_vertical_bar pause_button
dove_of_peace dove
drum_with_drumsticks drum
face_with_cowboy_hat cowboy_hat_face
face_with_rolling_eyes roll_eyes
facepunch fist_oncoming+
female-artist woman_artist+
female-astronaut woman_astronaut+
female-construction-worker construction_worker_woman+
female-cook woman_cook+
female-detective female_detective+
female-doctor woman_health_worker+
female-factory-worker woman_factory_worker+
female-farmer woman_farmer+
female-firefighter woman_firefighter+
female-guard guardswoman+
female-judge woman_judge+
female-mechanic woman_mechanic+
female-office-worker woman_office_worker+
female-pilot woman_pilot+
female-police-officer policewoman+
female-scientist woman_scientist+
female-singer woman_singer+
female-student woman_student+
female-teacher woman_teacher+
female-technologist woman_technologist+
fencer person_fencing
field_hockey_stick_and_ball field_hockey
film_frames film_strip
first_place_medal 1st_place_medal
fist fist_raised+
flag-ad andorra
flag-ae united_arab_emirates
flag-af afghanistan
flag-ag antigua_barbuda
flag-ai anguilla
flag-al albania
flag-am armenia
flag-ao angola
flag-aq antarctica
flag-ar argentina
flag-as american_samoa
flag-at austria
flag-au australia
flag-aw aruba
flag-ax aland_islands
flag-az azerbaijan
flag-ba bosnia_herzegovina
flag-bb barbados
flag-bd bangladesh
flag-be belgium
flag-bf burkina_faso
flag-bg bulgaria
flag-bh bahrain
flag-bi burundi
flag-bj benin
flag-bl st_barthelemy
flag-bm bermuda
flag-bn brunei
flag-bo bolivia
flag-bq caribbean_netherlands
flag-br brazil
flag-bs bahamas
flag-bt bhutan
flag-bw botswana
flag-by belarus
flag-bz belize
flag-ca ca canada
flag-cc cocos_islands
flag-cd congo_kinshasa
flag-cf central_african_republic
flag-cg congo_brazzaville
flag-ch switzerland
flag-ci cote_divoire
flag-ck cook_islands
flag-cl chile
flag-cm cameroon
flag-co colombia
flag-cr costa_rica
flag-cu cuba
flag-cv cape_verde
flag-cw curacao
flag-cx christmas_island
flag-cy cyprus
flag-cz czech_republic
flag-dj djibouti
flag-dk denmark
flag-dm dominica
flag-do dominican_republic
flag-dz algeria
flag-ec ecuador
flag-ee estonia
flag-eg egypt
flag-eh western_sahara
flag-er eritrea
flag-et ethiopia
flag-eu eu european_union
flag-fi finland
flag-fj fiji
flag-fk falkland_islands
flag-fm micronesia
flag-fo faroe_islands
flag-ga gabon
flag-gd grenada
flag-ge georgia
flag-gf french_guiana
flag-gg guernsey
flag-gh ghana
flag-gi gibraltar
flag-gl greenland
flag-gm gambia
flag-gn guinea
flag-gp guadeloupe
flag-gq equatorial_guinea
flag-gr greece
flag-gs south_georgia_south_sandwich_islands
flag-gt guatemala
flag-gu guam
flag-gw guinea_bissau
flag-gy guyana
flag-hk hong_kong
flag-hn honduras
flag-hr croatia
flag-ht haiti
flag-hu hungary
flag-ic canary_islands
flag-id indonesia
flag-ie ireland
flag-il israel
flag-im isle_of_man
flag-in india
flag-io british_indian_ocean_territory
flag-iq iraq
flag-ir iran
flag-is iceland
flag-je jersey
flag-jm jamaica
flag-jo jordan
flag-ke kenya
flag-kg kyrgyzstan
flag-kh cambodia
flag-ki kiribati
flag-km comoros
flag-kn st_kitts_nevis
flag-kp north_korea
flag-kw kuwait
flag-ky cayman_islands
flag-kz kazakhstan
flag-la laos
flag-lb lebanon
flag-lc st_lucia
flag-li liechtenstein
flag-lk sri_lanka
flag-lr liberia
flag-ls lesotho
flag-lt lithuania
flag-lu luxembourg
flag-lv latvia
flag-ly libya
flag-ma morocco
flag-mc monaco
flag-md moldova
flag-me montenegro
flag-mg madagascar
flag-mh marshall_islands
flag-mk macedonia
flag-ml mali
flag-mm myanmar
flag-mn mongolia
flag-mo macau
flag-mp northern_mariana_islands
flag-mq martinique
flag-mr mauritania
flag-ms montserrat
flag-mt malta
flag-mu mauritius
flag-mv maldives
flag-mw malawi
flag-mx mexico
flag-my malaysia
flag-mz mozambique
flag-na namibia
flag-nc new_caledonia
flag-ne niger
flag-nf norfolk_island
flag-ng nigeria
flag-ni nicaragua
flag-nl netherlands
flag-no norway
flag-np nepal
flag-nr nauru
flag-nu niue
flag-nz new_zealand
flag-om oman
flag-pa panama
flag-pe peru
flag-pf french_polynesia
flag-pg papua_new_guinea
flag-ph philippines
flag-pk pakistan pk
flag-pl poland
flag-pm st_pierre_miquelon
flag-pn pitcairn_islands
flag-pr puerto_rico
flag-ps palestinian_territories
flag-pt portugal
flag-pw palau
flag-py paraguay
flag-qa qatar
flag-re reunion
flag-ro romania
flag-rs serbia
flag-rw rwanda
flag-sa saudi_arabia
flag-sb solomon_islands
flag-sc seychelles
flag-sd sudan
flag-se sweden
flag-sg singapore
flag-sh st_helena
flag-si slovenia
flag-sk slovakia
flag-sl sierra_leone
flag-sm san_marino
flag-sn senegal
flag-so somalia
flag-sr suriname
flag-ss south_sudan
flag-st sao_tome_principe
flag-sv el_salvador
flag-sx sint_maarten
flag-sy syria
flag-sz swaziland
flag-tc turks_caicos_islands
flag-td chad
flag-tf french_southern_territories
flag-tg togo
flag-th thailand
flag-tj tajikistan
flag-tk tokelau
flag-tl timor_leste
flag-tm turkmenistan
flag-tn tunisia
flag-to tonga
flag-tr tr
flag-tt trinidad_tobago
flag-tv tuvalu
flag-tw taiwan
flag-tz tanzania
flag-ua ukraine
flag-ug uganda
flag-uy uruguay
flag-uz uzbekistan
flag-va vatican_city
flag-vc st_vincent_grenadines
flag-ve venezuela
flag-vg british_virgin_islands
flag-vi us_virgin_islands
flag-vn vietnam
flag-vu vanuatu
flag-wf wallis_futuna
flag-ws samoa
flag-xk kosovo
flag-ye yemen
flag-yt mayotte
flag-za south_africa za
flag-zm zambia
flag-zw zimbabwe
frame_with_picture framed_picture
glass_of_milk milk_glass
health_worker doctor+
heavy_heart_exclamation_mark_ornament heavy_heart_exclamation
helmet_with_white_cross rescue_worker_helmet
house_buildings houses
hugging_face hugs
ice_hockey_stick_and_puck ice_hockey
keycap_star asterisk
kiwifruit kiwi_fruit
knife_fork_plate plate_with_cutlery
left-facing_fist fist_left+
lightning cloud_with_lightning
linked_paperclips paperclips
lion_face lion
lower_left_ballpoint_pen pen
lower_left_crayon crayon
lower_left_fountain_pen fountain_pen
lower_left_paintbrush paintbrush
male-artist man_artist+
male-astronaut man_astronaut+
male-construction-worker construction_worker_man+
male-cook man_cook+
male-detective male_detective+
male-doctor man_health_worker+
male-factory-worker man_factory_worker+
male-farmer man_farmer+
male-firefighter man_firefighter+
male-judge man_judge+
male-mechanic man_mechanic+
male-office-worker man_office_worker+
male-pilot man_pilot+
male-police-officer policeman+
male-scientist man_scientist+
male-singer man_singer+
male-student man_student+
male-teacher man_teacher+
male-technologist man_technologist+
man-biking biking_man+
man-bouncing-ball basketball_man+
man-bowing bowing_man+
man-boy family_man_boy
man-boy-boy family_man_boy_boy
man-cartwheeling man_cartwheeling+
man-facepalming man_facepalming+
man-frowning frowning_man+
man-gesturing-no ng_man no_good_man+
man-gesturing-ok ok_man+
man-getting-haircut haircut_man+
man-getting-massage massage_man+
man-girl family_man_girl
man-girl-boy family_man_girl_boy
man-girl-girl family_man_girl_girl
man-golfing golfing_man+
man-heart-man couple_with_heart_man_man
man-juggling man_juggling+
man-kiss-man couplekiss_man_man
man-lifting-weights weight_lifting_man+
man-man-boy family_man_man_boy
man-man-boy-boy family_man_man_boy_boy
man-man-girl family_man_man_girl
man-man-girl-boy family_man_man_girl_boy
man-man-girl-girl family_man_man_girl_girl
man-mountain-biking mountain_biking_man+
man-playing-handball man_playing_handball+
man-playing-water-polo man_playing_water_polo+
man-pouting pouting_man+
man-raising-hand raising_hand_man+
man-rowing-boat rowing_man+
man-running running_man+
man-shrugging man_shrugging+
man-surfing surfing_man+
man-swimming swimming_man+
man-tipping-hand tipping_hand_man+
man-walking walking_man+
man-with-bunny-ears-partying dancing_men
man-woman-boy family_man_woman_boy
man-woman-boy-boy family_man_woman_boy_boy
man-woman-girl family_man_woman_girl
man-woman-girl-boy family_man_woman_girl_boy
man-woman-girl-girl family_man_woman_girl_girl
man-wrestling men_wrestling
man_in_business_suit_levitating business_suit_levitating+
medal medal_military
menorah_with_nine_branches menorah
middle_finger fu
mostly_sunny sun_behind_small_cloud
octagonal_sign stop_sign
om_symbol om
pray thanks thank_you
racing_motorcycle motorcycle
radioactive_sign radioactive
rage pout
rain_cloud cloud_with_rain
rainbow-flag rainbow_flag
right-facing_fist fist_right+
robot_face robot
rolled_up_newspaper newspaper_roll
rolling_on_the_floor_laughing rofl
satellite artificial_satellite
scales balance_scale
scooter kick_scooter
second_place_medal 2nd_place_medal
shopping_bags shopping
shopping_trolley shopping_cart
sleeping_accommodation sleeping_bed
sleuth_or_spy detective
snow_capped_mountain mountain_snow
snow_cloud cloud_with_snow
snowman snowman_with_snow
speaking_head_in_silhouette speaking_head
spiral_calendar_pad spiral_calendar
spiral_note_pad spiral_notepad
spock-hand vulcan_salute+
sports_medal medal_sports
table_tennis_paddle_and_ball ping_pong
tangerine mandarin orange
the_horns metal+
thinking_face thinking
third_place_medal 3rd_place_medal
three_button_mouse computer_mouse
thunder_cloud_and_rain cloud_with_lightning_and_rain
umbrella open_umbrella
umbrella_on_ground parasol_on_ground
unicorn_face unicorn
waving_black_flag black_flag
waving_white_flag white_flag
white_frowning_face frowning_face
wind_blowing_face wind_face
woman-biking biking_woman+
woman-bouncing-ball basketball_woman+
woman-bowing bowing_woman+
woman-boy family_woman_boy
woman-boy-boy family_woman_boy_boy
woman-cartwheeling woman_cartwheeling+
woman-facepalming woman_facepalming+
woman-frowning frowning_woman+
woman-gesturing-no no_good_woman+ ng_woman
woman-getting-haircut haircut_woman+
woman-getting-massage massage_woman+
woman-girl family_woman_girl
woman-girl-boy family_woman_girl_boy
woman-girl-girl family_woman_girl_girl
woman-golfing golfing_woman+
woman-heart-man couple_with_heart_woman_man
woman-heart-woman couple_with_heart_woman_woman
woman-juggling woman_juggling+
woman-kiss-man couplekiss_man_woman
woman-kiss-woman couplekiss_woman_woman
woman-lifting-weights weight_lifting_woman+
woman-mountain-biking mountain_biking_woman+
woman-playing-handball woman_playing_handball+
woman-playing-water-polo woman_playing_water_polo+
woman-pouting pouting_woman+
woman-raising-hand raising_hand_woman+
woman-rowing-boat rowing_woman+
woman-running running_woman+
woman-shrugging woman_shrugging+
woman-surfing surfing_woman+
woman-swimming swimming_woman+
woman-tipping-hand tipping_hand_woman+
woman-walking walking_woman+
woman-wearing-turban woman_with_turban+
woman-with-bunny-ears-partying dancing_women
woman-woman-boy family_woman_woman_boy
woman-woman-boy-boy family_woman_woman_boy_boy
woman-woman-girl family_woman_woman_girl
woman-woman-girl-boy family_woman_woman_girl_boy
woman-woman-girl-girl family_woman_woman_girl_girl
woman-wrestling women_wrestling
`;

/** Names to add per short name, skin-tone variants included (`thank_you` stands for "thank you"). */
function olderNames(): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const add = (key: string, name: string) => byName.set(key, [...(byName.get(key) ?? []), name]);
  for (const line of OLDER_NAMES.split('\n')) {
    const [key, ...names] = line.trim().split(/\s+/);
    if (!key) continue;
    for (const raw of names) {
      const name = raw.replace(/\+$/, '');
      add(key, name === 'thank_you' ? 'thank you' : name);
      if (raw.endsWith('+')) for (const tone of Object.values(SKIN_TONES)) add(`${key}_${tone}`, `${name}_${tone}`);
    }
  }
  return byName;
}

function systemEmojiNames(source: SourceEmoji[]): string[] {
  const older = olderNames();
  const names = new Set<string>(['mattermost']);
  const addAll = (shortName: string, shortNames: string[]) => {
    for (const name of [...shortNames, ...(older.get(shortName) ?? [])]) names.add(name);
  };
  for (const emoji of source) {
    addAll(emoji.short_name, emoji.short_names);
    for (const code of Object.keys(emoji.skin_variations ?? {})) {
      const tone = code.split('-').map((part) => SKIN_TONES[part]).join('_');
      addAll(`${emoji.short_name}_${tone}`, emoji.short_names.map((name) => `${name}_${tone}`));
    }
  }
  return [...names].sort();
}

const input = process.argv[2];
if (!input) throw new Error('usage: tsx scripts/generate-system-emoji-names.ts <emoji-datasource emoji.json>');
const names = systemEmojiNames(JSON.parse(readFileSync(input, 'utf8')) as SourceEmoji[]);
const target = new URL('../src/model/system-emoji-names.json', import.meta.url);
writeFileSync(target, `[\n${names.map((n) => `  ${JSON.stringify(n)}`).join(',\n')}\n]\n`);
console.log(`${names.length} names written to ${target.pathname}`);
