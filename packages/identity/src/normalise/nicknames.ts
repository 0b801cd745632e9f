/**
 * Groups of given names that are the same person's name in everyday use: Finnish short forms and English
 * nicknames. Small on purpose; extend through `ResolverOptions.nicknames`. The first name of a group is its
 * canonical form. Keys are folded (lower case, ä/ö/å folded).
 */
export const DEFAULT_NICKNAMES: readonly (readonly string[])[] = [
  ['matti', 'matt', 'mattie', 'masa', 'mati'],
  ['johanna', 'jonna', 'hanna', 'jo'],
  ['aleksanteri', 'aleksi', 'aleksander', 'alexander', 'alex', 'ale', 'santeri', 'sandy'],
  ['katariina', 'kati', 'katri', 'kaisa', 'katja', 'catherine', 'katherine', 'kathryn', 'kate', 'katie', 'cathy', 'kathy'],
  ['elisabet', 'elisabeth', 'elizabeth', 'liisa', 'elisa', 'liisi', 'beth', 'betty', 'liz', 'lizzie', 'eliza', 'elsa'],
  ['johannes', 'juhani', 'juha', 'jussi', 'juho', 'hannes', 'johan', 'john', 'jack', 'johnny', 'jukka', 'jouni'],
  ['william', 'bill', 'billy', 'will', 'willy', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['richard', 'rick', 'ricky', 'dick', 'rich'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'greta', 'reetta', 'maarit', 'marketta'],
  ['anna', 'anni', 'anne', 'annie', 'ann', 'annikki', 'annika'],
  ['antero', 'antti', 'ante', 'anton', 'anthony', 'tony', 'tapani'],
  ['kristiina', 'tiina', 'kirsi', 'kristina', 'christina', 'kristine', 'tina', 'krista', 'chris'],
  ['kristian', 'christian', 'krisu', 'kris'],
  ['christopher', 'chris', 'kristoffer', 'topi', 'toffe'],
  ['mikael', 'mika', 'mikko', 'michael', 'mike', 'mikke', 'mick', 'mickey'],
  ['petteri', 'petri', 'pekka', 'peter', 'pete', 'pietari', 'petter'],
  ['tapio', 'tapsa', 'tapani'],
  ['timo', 'timothy', 'tim', 'timppa'],
  ['jaakko', 'jaska', 'jacob', 'jakob', 'jake', 'james', 'jim', 'jimmy', 'jamie'],
  ['eerikki', 'erkki', 'erik', 'eric', 'eero', 'rick'],
  ['heikki', 'henrik', 'henri', 'henry', 'hank', 'harry', 'hessu'],
  ['juhana', 'juho', 'jussi'],
  ['riikka', 'rikka', 'ricca'],
  ['susanna', 'sanna', 'susanne', 'susan', 'sue', 'suzy', 'susie'],
  ['maria', 'marja', 'maija', 'mari', 'mary', 'maiju', 'marjo', 'molly', 'polly'],
  ['helena', 'helen', 'leena', 'lena', 'ellen', 'elina', 'ella', 'nelly'],
  ['joseph', 'joe', 'joey', 'jooseppi', 'juuso', 'josef'],
  ['daniel', 'dan', 'danny', 'tatu', 'taneli'],
  ['samuel', 'sam', 'sami', 'samu', 'sammy'],
  ['benjamin', 'ben', 'benny', 'benji', 'penjami'],
  ['jonathan', 'jon', 'joni', 'jonne'],
  ['nicholas', 'nick', 'nicky', 'niklas', 'niko', 'nikolai', 'nikke', 'niilo'],
  ['thomas', 'tom', 'tommy', 'tuomas', 'tomi', 'tommi', 'tuomo'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'eetu', 'edvard'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia', 'patrik', 'patrick', 'paddy'],
  ['jennifer', 'jenny', 'jen', 'jenni', 'jenna'],
  ['rebecca', 'becky', 'becca', 'riikka'],
  ['victoria', 'vicky', 'tori', 'viktoria'],
  ['andrew', 'andy', 'drew', 'antti', 'anders', 'andreas'],
  ['charles', 'charlie', 'chuck', 'kaarle', 'kalle', 'karl', 'carl'],
  ['lawrence', 'larry', 'lauri', 'lasse', 'lars', 'laurence'],
  ['olavi', 'olli', 'olof', 'ola', 'oliver', 'ollie'],
  ['vilhelmiina', 'vilma', 'minna', 'mimmi', 'helmi', 'wilhelmina'],
  ['tuulikki', 'tuuli', 'tuula'],
  ['pirjo', 'pirkko', 'piritta', 'pia'],
  ['sofia', 'sohvi', 'sophie', 'sofie', 'sonja', 'sonya'],
  ['jyrki', 'jyri', 'yrjo', 'george', 'jorma', 'jore'],
  ['matthew', 'matt', 'matty', 'matias', 'matthias', 'mathias', 'matti'],
];

/** Builds the name → group-id lookup from groups. @example buildNicknameIndex(DEFAULT_NICKNAMES).get('bill'); */
export function buildNicknameIndex(groups: readonly (readonly string[])[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  groups.forEach((group, i) => {
    for (const name of group) {
      const list = index.get(name);
      if (list === undefined) index.set(name, [i]);
      else if (!list.includes(i)) list.push(i);
    }
  });
  return index;
}
