export { createResolver } from './create-resolver';
export type { Resolver, BatchOptions, BatchResult } from './create-resolver';
export type { ResolverOptions, AddResult } from './resolver';
export type { PersonExplanation, LinkExplanation } from './explain';
export { IdentityError, ok, fail } from './errors';
export type { IdentityErrorCode, Normalised } from './errors';
export { DEFAULT_SETTINGS, resolveSettings } from './settings';
export type { IdentitySettings, SettingsInput, KindPolicy, BlockedValues } from './settings';
export { blockedReason } from './blocked';
export { normaliseEmail } from './normalise/email';
export type { EmailOptions, NormalisedEmail } from './normalise/email';
export { normalisePhone } from './normalise/phone';
export type { NormalisedPhone } from './normalise/phone';
export { normaliseName, foldName, variantKey } from './normalise/name';
export type { NormalisedName, NormalisedNamePart } from './normalise/name';
export { DEFAULT_NICKNAMES, buildNicknameIndex } from './normalise/nicknames';
export { normaliseHetu, hashValue } from './normalise/hetu';
export type { NormalisedHetu } from './normalise/hetu';
export { normaliseYTunnus } from './normalise/ytunnus';
export { normaliseAddress } from './normalise/address';
export type { NormalisedAddress } from './normalise/address';
export { normaliseDate } from './normalise/date';
export { prepareRecord, createPrepareContext } from './prepare';
export type { Features, JoinEvidence, PreparedRecord, Rejected, PrepareContext } from './prepare';
export { jaroWinkler } from './match/jaro-winkler';
export { compareRecords, FIELDS } from './match/compare';
export { defaultModel, scorePair } from './match/model';
export type { MatchModel, PairScore } from './match/model';
export { fitModel } from './match/fit';
export type { FitOptions, TrainingPair, TrainingPairList } from './match/fit';
export { createMemoryIdentityStore } from './store/memory';
export { SYNC_ACCESS, syncOf } from './store/sync';
export type { SyncIdentityStore } from './store/sync';
export type {
  IdentityStore, StoredRecord, StoredIdentifier, PersonRow, LinkRule, Tombstone, ReviewCandidate, IdentityEvent,
  StoredEvent,
} from './store/types';
export { readPartyCsv, parseFieldMap, CANONICAL_FIELDS } from './batch/csv';
export type { CsvMapping, CanonicalField } from './batch/csv';
