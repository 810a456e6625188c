// A dossier's thread of messages, as the town and its instructors both read it.
import { formatDateTime } from '../../../platform/time.ts';
import type { ThreadMessage } from '../messages.ts';

/** The dossier's messages, oldest first, each with who wrote it and when. */
export function Thread({ messages }: { messages: ThreadMessage[] }) {
  if (messages.length === 0) return <p>Aucun message pour l’instant.</p>;
  return (
    <ol class="thread">
      {messages.map((message) => (
        <li key={message.id}>
          <p class="muted">
            {message.authorName}, le {formatDateTime(message.createdAt)}
          </p>
          <p class="pre-line">{message.body}</p>
        </li>
      ))}
    </ol>
  );
}
