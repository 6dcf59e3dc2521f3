export const appleSignInAvailable = false;

export async function appleIdentity(): Promise<{identityToken: string; nonce: string; displayName?: string}> {
  throw new Error('Sign in with Apple is available in the iOS app only');
}
