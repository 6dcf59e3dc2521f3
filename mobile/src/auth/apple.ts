import {Platform} from 'react-native';
import {appleAuth} from '@invertase/react-native-apple-authentication';
import {newId} from '../util/ids';

export const appleSignInAvailable = Platform.OS === 'ios' && appleAuth.isSupported;

/**
 * Asks Apple for an identity token. The library passes SHA-256(nonce) to Apple; the server gets the raw nonce and
 * checks the token's claim against its hash (docs/SECURITY.md "Sign in with Apple").
 */
export async function appleIdentity(): Promise<{identityToken: string; nonce: string; displayName?: string}> {
  const nonce = newId() + newId();
  const result = await appleAuth.performRequest({
    requestedOperation: appleAuth.Operation.LOGIN,
    requestedScopes: [appleAuth.Scope.FULL_NAME, appleAuth.Scope.EMAIL],
    nonce,
  });
  if (!result.identityToken) {
    throw new Error('Apple did not return an identity token');
  }
  const name = [result.fullName?.givenName, result.fullName?.familyName].filter(Boolean).join(' ');
  return {identityToken: result.identityToken, nonce, displayName: name || undefined};
}
