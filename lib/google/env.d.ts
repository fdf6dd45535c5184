// The build variable lib/google/client-id.ts reads (WXT passes WXT_-prefixed variables through).
interface ImportMetaEnv {
  readonly WXT_GOOGLE_CLIENT_ID?: string;
}
