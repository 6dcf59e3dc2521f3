/**
 * Client ids for Idempotency-Key and chat clientMessageId. They only need to be unique per client, not
 * unguessable, so Math.random is enough and no native crypto module is needed.
 */
export function newId(): string {
  const hex = (n: number) => Array.from({length: n}, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const variant = ((Math.floor(Math.random() * 4) + 8) as number).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
