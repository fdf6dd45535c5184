/** What the last Save did, in a live region so it is announced. */
export type SaveResult = { kind: 'saved' | 'error'; text: string };

export function SaveMessage({ result }: { result?: SaveResult }) {
  return (
    <div aria-live="polite" className="outcome">
      {result && (
        <p
          role={result.kind === 'error' ? 'alert' : undefined}
          className={result.kind === 'error' ? 'notice notice--error' : 'notice'}
        >
          {result.text}
        </p>
      )}
    </div>
  );
}
