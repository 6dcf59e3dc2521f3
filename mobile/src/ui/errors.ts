import {ApiError, NetworkError} from '../api/problem';

const messages: Record<string, string> = {
  'listing-not-available': 'This item was just sold or reserved.',
  'own-listing': 'This is your own listing.',
  'stale-version': 'Your cart changed on another device. It has been reloaded.',
  'cart-empty': 'Your cart is empty.',
  'invalid-credentials': 'Wrong email or password.',
  'email-taken': 'An account with this email exists. Log in instead.',
  'rate-limited': 'Too many attempts. Please wait a moment.',
  'payment-not-ready': 'The payment is being prepared. Try again in a second.',
  'listing-needs-photos': 'Add at least one photo.',
  'photo-not-uploaded': 'A photo has not finished uploading.',
  'cursor-expired': 'The feed was refreshed.',
};

export function describeError(e: unknown): string {
  if (e instanceof NetworkError) {
    return 'No connection. Check your network and try again.';
  }
  if (e instanceof ApiError) {
    const code = e.code;
    if (code && messages[code]) {
      return messages[code];
    }
    if (e.status >= 500) {
      return 'Something went wrong on our side. Please try again.';
    }
    return e.problem.detail ?? e.problem.title ?? `Request failed (${e.status})`;
  }
  return e instanceof Error ? e.message : 'Something went wrong.';
}
