/** Blocks of what a person has next (one per module: events, the path…), each a short list of links. */
export interface NextStepsBlock {
  title: string;
  items: { label: string; href: string; detail?: string }[];
  more?: { label: string; href: string };
}

export function NextSteps({ blocks }: { blocks: NextStepsBlock[] }) {
  if (blocks.length === 0) return null;
  return (
    <div class="next-steps">
      {blocks.map((block) => (
        <section key={block.title} class="card">
          <h2>{block.title}</h2>
          <ul>
            {block.items.map((item) => (
              <li key={item.href + item.label}>
                <a href={item.href}>{item.label}</a>
                {item.detail ? <span class="muted"> — {item.detail}</span> : null}
              </li>
            ))}
          </ul>
          {block.more ? (
            <p>
              <a href={block.more.href}>{block.more.label}</a>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
