/**
 * kube-apiserver indents its JSON for people (negotiation.isPrettyPrint): when the query says
 * `pretty=true`, or when no query says otherwise and the client is curl, wget or a browser, so
 * `curl https://kubernetes.default.svc/api` from a pod prints the object over several lines.
 */

/** Whether the response to `url` from a client sending `userAgent` is indented. */
export function isPrettyPrint(url: string, userAgent: string | undefined): boolean {
  const pretty = new URL(url, 'http://kubelab').searchParams.get('pretty');
  if (pretty) return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(pretty);
  const agent = userAgent ?? '';
  return agent.startsWith('curl') || agent.startsWith('Wget') || agent.startsWith('Mozilla/5.0');
}

/** An object's JSON as json.MarshalIndent(obj, "", "  ") writes it, with the encoder's newline after it. */
export function indentJson(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}
