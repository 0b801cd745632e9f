export {
  createPartnerClient,
  type ErrorResponse, type PartnerClient, type PartnerClientOptions, type PushConversationRequest, type PushConversationResponse,
} from './client';
export { PartnerClientError } from './errors';
export { signPartnerRequest } from './sign';
export type { components, operations, paths } from './generated/openapi';
