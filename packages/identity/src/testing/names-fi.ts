// Name and place lists for the synthetic generator: common Finnish names (roughly by frequency),
// surname roots and endings combined into a few thousand surnames, and real postcode areas.

export const MALE_NAMES = [
  'Juha', 'Timo', 'Matti', 'Kari', 'Mikko', 'Jari', 'Antti', 'Jukka', 'Mika', 'Markku', 'Pekka', 'Hannu',
  'Heikki', 'Seppo', 'Janne', 'Ari', 'Sami', 'Petri', 'Ville', 'Marko', 'Jussi', 'Tuomas', 'Lauri', 'Juho',
  'Teemu', 'Jani', 'Pentti', 'Esa', 'Veli', 'Jouni', 'Aleksi', 'Eero', 'Tapio', 'Jarmo', 'Olli', 'Harri',
  'Risto', 'Joonas', 'Erkki', 'Jorma', 'Niko', 'Aleksanteri', 'Johannes', 'Eino', 'Onni', 'Elias', 'Leo',
  'Oliver', 'Väinö', 'Eetu', 'Tommi', 'Kalle', 'Arto', 'Raimo', 'Vesa', 'Jyrki', 'Reijo', 'Kimmo', 'Toni', 'Otto',
];
export const FEMALE_NAMES = [
  'Anne', 'Tuula', 'Päivi', 'Anna', 'Leena', 'Johanna', 'Ritva', 'Pirjo', 'Sari', 'Minna', 'Marja', 'Tiina',
  'Riitta', 'Eija', 'Merja', 'Kaisa', 'Liisa', 'Maria', 'Satu', 'Heidi', 'Hanna', 'Elina', 'Katariina', 'Laura',
  'Jenni', 'Sanna', 'Susanna', 'Kristiina', 'Helena', 'Aino', 'Emma', 'Sofia', 'Ella', 'Aada', 'Olivia', 'Iida',
  'Helmi', 'Venla', 'Eveliina', 'Noora', 'Pauliina', 'Henna', 'Jaana', 'Outi', 'Marjatta', 'Kirsi', 'Sirpa',
  'Seija', 'Arja', 'Tarja', 'Annika', 'Elisa', 'Niina', 'Hilkka', 'Mervi', 'Irma', 'Raija', 'Sinikka', 'Maija', 'Saara',
];
/** Everyday short forms a system may hold instead of the registered name. */
export const SHORT_FORMS: Readonly<Record<string, readonly string[]>> = {
  Matti: ['Matt', 'Masa'], Johanna: ['Jonna', 'Hanna'], Aleksanteri: ['Aleksi', 'Alex', 'Santeri'],
  Katariina: ['Kati', 'Katri'], Aleksi: ['Alex'], Johannes: ['Juho', 'Hannes', 'Jussi'], Kristiina: ['Tiina', 'Kirsi'],
  Susanna: ['Sanna'], Helena: ['Leena'], Elisa: ['Liisa'], Juha: ['Jussi'], Mikko: ['Mika'], Pekka: ['Petri'],
  Antti: ['Antero'], Heikki: ['Henrik'], Eveliina: ['Eve'], Pauliina: ['Paula'], Maria: ['Maija', 'Mari'],
};
const ROOTS = [
  'Virta', 'Korho', 'Mäki', 'Nieme', 'Hämälä', 'Laine', 'Heikki', 'Koskine', 'Järvi', 'Lehto', 'Salo', 'Heino',
  'Niemi', 'Saari', 'Kallio', 'Koivu', 'Leino', 'Rantane', 'Lahti', 'Ahone', 'Turu', 'Kettu', 'Karjalai',
  'Mattila', 'Hakala', 'Aalto', 'Sirola', 'Peltola', 'Harju', 'Nurmi', 'Laakso', 'Hiltune', 'Rauha', 'Vainio',
  'Kivi', 'Lindqvist', 'Honka', 'Hyvö', 'Ketola', 'Suomi', 'Mustone', 'Kinnune', 'Lappalai', 'Ojala', 'Pitkäne',
  'Salmi', 'Tuomi', 'Vuori', 'Huttune', 'Jokine', 'Kauppi', 'Lampi', 'Manni', 'Nyma', 'Oksa', 'Pelto', 'Rinne',
  'Sauli', 'Tervo', 'Uusi', 'Väisä', 'Ylinen', 'Anttila', 'Björk', 'Eskola', 'Forsman', 'Grönroos', 'Hirvo',
];
const ENDINGS = ['nen', 'la', 'lä', 'mäki', 'niemi', 'oja', 'salo', 'aho', 'lahti', 'koski', 'vaara', 'järvi', 'ranta', 'suo', 'lampi', 'n', 'sto', 'kangas'];
export const SURNAMES: readonly string[] = (() => {
  const out = new Set<string>();
  for (const root of ROOTS) {
    out.add(root.endsWith('e') || root.endsWith('i') && root.length < 6 ? `${root}n${root.endsWith('e') ? 'en' : ''}` : root);
    for (const end of ENDINGS) out.add(`${root.replace(/[ei]$/, '')}${end}`);
  }
  return [...out];
})();

export const CITIES: ReadonlyArray<{ city: string; postcodes: [number, number] }> = [
  { city: 'Helsinki', postcodes: [100, 990] }, { city: 'Espoo', postcodes: [2100, 2980] },
  { city: 'Vantaa', postcodes: [1200, 1770] }, { city: 'Tampere', postcodes: [33100, 33960] },
  { city: 'Turku', postcodes: [20100, 20960] }, { city: 'Oulu', postcodes: [90100, 90940] },
  { city: 'Jyväskylä', postcodes: [40100, 40950] }, { city: 'Kuopio', postcodes: [70100, 70910] },
  { city: 'Lahti', postcodes: [15100, 15950] }, { city: 'Pori', postcodes: [28100, 28900] },
  { city: 'Joensuu', postcodes: [80100, 80330] }, { city: 'Lappeenranta', postcodes: [53100, 53950] },
  { city: 'Vaasa', postcodes: [65100, 65380] }, { city: 'Seinäjoki', postcodes: [60100, 60800] },
  { city: 'Rovaniemi', postcodes: [96100, 96960] },
];
export const STREETS = [
  'Mannerheimintie', 'Hämeenkatu', 'Aleksanterinkatu', 'Koulukatu', 'Kirkkokatu', 'Rantatie', 'Puistotie', 'Koivukuja',
  'Mäntytie', 'Kuusitie', 'Asemakatu', 'Satamakatu', 'Teollisuuskatu', 'Myllytie', 'Peltotie', 'Metsätie', 'Järvitie',
  'Kalliotie', 'Niittykuja', 'Rinnetie', 'Harjutie', 'Lehtotie', 'Pajukuja', 'Tammitie', 'Vaahterakuja', 'Kauppakatu',
  'Yliopistonkatu', 'Linnankatu', 'Itäinen Pitkäkatu', 'Läntinen Rantakatu', 'Sibeliuksenkatu', 'Runebergintie',
  'Kalevankatu', 'Pohjoisesplanadi', 'Tehtaankatu', 'Kaivokatu', 'Ratakatu', 'Torikatu', 'Sairaalakatu', 'Urheilutie',
];
export const EMAIL_DOMAINS: ReadonlyArray<[string, number]> = [
  ['gmail.com', 35], ['hotmail.com', 8], ['outlook.com', 7], ['elisanet.fi', 6], ['luukku.com', 5], ['yahoo.com', 4],
  ['kolumbus.fi', 3], ['suomi24.fi', 3], ['welho.com', 2], ['icloud.com', 4], ['yritys.fi', 5], ['kunta.fi', 3],
];
