import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { reasonOf } from '../api/problem.ts';
import type { DocumentKind } from '../api/types.ts';
import { formatDateTime, formatDecimal } from '../format/german.ts';
import { SelectField } from '../forms/fields.tsx';
import { Form } from '../forms/form.tsx';
import { ErrorSummary, errorsFor, type FieldMap, SuccessNotice } from '../forms/form-problem.tsx';
import { DOCUMENT_KIND, optionsOf } from '../labels.ts';
import { LoadFailed } from '../layout/page.tsx';
import type { DocumentTarget } from './document-targets.ts';
import { sha256Hex, uploadWithProgress } from './upload.ts';

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${formatDecimal(bytes / 1024 / 1024)} MB` : `${formatDecimal(bytes / 1024)} KB`;

/** A failed PUT to storage or a refused completion, in German. */
class UploadFailed extends Error {
  readonly reason = 'Die Datei konnte nicht hochgeladen werden. Bitte versuchen Sie es noch einmal.';
}

function Upload({ target, defaultKind }: { target: DocumentTarget; defaultKind: DocumentKind }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind>(defaultKind);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileId = `${target.key}-datei`;
  const fields: FieldMap = {
    fileName: { id: fileId, label: 'Datei' },
    contentType: { id: fileId, label: 'Datei' },
    sizeBytes: { id: fileId, label: 'Datei' },
    sha256: { id: fileId, label: 'Datei' },
    kind: { id: `${target.key}-art`, label: 'Art des Dokuments' },
  };

  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      const announced = await target.announce({
        fileName: chosen.name,
        // An unknown type goes as it is, for the API to name the allowed ones.
        contentType: (chosen.type || 'application/octet-stream') as never,
        sizeBytes: chosen.size,
        sha256: await sha256Hex(chosen),
        kind,
      });
      setProgress(0);
      await uploadWithProgress(announced.upload.url, announced.upload.headers, chosen, setProgress).catch(
        () => {
          throw new UploadFailed();
        },
      );
      return target.complete(announced.document.id);
    },
    onMutate: () => {
      setDone(null);
      setProgress(null);
    },
    onSuccess: async (document) => {
      setFile(null);
      if (input.current) input.current.value = '';
      // Said once the list shows the file: whoever hears "hochgeladen" finds it there.
      await queryClient.invalidateQueries({ queryKey: ['documents', target.key] });
      setDone(`${document.fileName} ist hochgeladen.`);
    },
  });
  const fileErrors = ['fileName', 'contentType', 'sizeBytes', 'sha256'].flatMap(
    (path) => errorsFor(upload.error, path) ?? [],
  );
  const noFile = upload.error === null && file === null;

  return (
    <Form className="upload" onSubmit={() => file && upload.mutate(file)}>
      <ErrorSummary error={upload.error} fields={fields} title="Die Datei wurde nicht hochgeladen." />
      <div className={`kern-form-input${fileErrors.length ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={fileId}>
          Datei
        </label>
        <div className="kern-hint" id={`${fileId}-hinweis`}>
          PDF, Bild, Text-, Tabellen- oder Office-Dokument, bis 25 MB
        </div>
        <input
          ref={input}
          className="kern-form-input__input"
          id={fileId}
          type="file"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          aria-invalid={fileErrors.length > 0 || undefined}
          aria-describedby={`${fileId}-hinweis${fileErrors.length ? ` ${fileId}-fehler` : ''}`}
        />
        {fileErrors.length ? (
          <p className="kern-error" id={`${fileId}-fehler`}>
            <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            <span className="kern-body">{fileErrors.join(' ')}</span>
          </p>
        ) : null}
      </div>
      <SelectField
        id={`${target.key}-art`}
        label="Art des Dokuments"
        value={kind}
        onChange={(value) => setKind(value as DocumentKind)}
        options={optionsOf(DOCUMENT_KIND)}
        errors={errorsFor(upload.error, 'kind')}
      />
      {progress !== null && upload.isPending ? (
        <div className="upload__progress">
          <label className="kern-label" htmlFor={`${target.key}-fortschritt`}>
            Hochladen
          </label>
          <progress id={`${target.key}-fortschritt`} max={100} value={progress}>
            {`${progress} %`}
          </progress>
          <span className="kern-body" aria-hidden="true">{`${progress} %`}</span>
        </div>
      ) : null}
      <SuccessNotice>{done}</SuccessNotice>
      <div>
        <button className="kern-btn kern-btn--secondary" type="submit" disabled={upload.isPending || noFile}>
          <span className="kern-label">Hochladen</span>
        </button>
      </div>
    </Form>
  );
}

/** The documents of a record: download each, upload more (straight to storage, with progress). */
export function Documents({
  target,
  heading,
  headingLevel,
  defaultKind = 'report',
  canUpload = true,
}: {
  target: DocumentTarget;
  heading: string;
  headingLevel: 'h2' | 'h3' | 'h6';
  /** What a new upload is, unless the person picks otherwise. */
  defaultKind?: DocumentKind;
  /** False for people who may only read (the API refuses their uploads anyway). */
  canUpload?: boolean;
}) {
  const documents = useQuery({ queryKey: ['documents', target.key], queryFn: target.list });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const Heading = headingLevel;
  const available = (documents.data ?? []).filter((document) => document.status === 'available');

  async function download(documentId: string) {
    setDownloadError(null);
    try {
      const link = await target.download(documentId);
      // The storage answers with Content-Disposition: attachment, so the page stays where it is.
      window.location.assign(link.url);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <section className="documents" aria-labelledby={`${target.key}-dokumente`}>
      <Heading className="kern-heading-small" id={`${target.key}-dokumente`}>
        {heading}
      </Heading>
      {documents.isError ? <LoadFailed reason={reasonOf(documents.error)} /> : null}
      {downloadError ? <LoadFailed reason={reasonOf(downloadError)} /> : null}
      {documents.data && available.length === 0 ? <p className="kern-body">Noch keine Dokumente.</p> : null}
      {available.length > 0 ? (
        <ul className="document-list">
          {available.map((document) => (
            <li key={document.id} className="document-list__item">
              <span className="kern-body">
                {`${document.fileName} (${DOCUMENT_KIND[document.kind]}, ${size(document.sizeBytes)}, ${formatDateTime(document.createdAt)})`}
              </span>
              <button
                className="kern-btn kern-btn--tertiary kern-btn--x-small"
                type="button"
                onClick={() => void download(document.id)}
                aria-label={`${document.fileName} herunterladen`}
              >
                <span className="kern-label">Herunterladen</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {canUpload ? <Upload target={target} defaultKind={defaultKind} /> : null}
    </section>
  );
}
