// Reads QR codes through the camera: the browser's BarcodeDetector where it has one, otherwise the
// bundled decoder (web/scan.ts, loaded on first use) on frames drawn into a canvas. Each code is passed
// to `onCode` once. Typing is always possible: the registration number printed on the card, or a code.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { decodeQrPixels, onceEach } from '../scan.ts';

/** The part of the Barcode Detection API used here (not yet in TypeScript's DOM types). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** The browser's detector if it reads QR codes, else null (the bundled decoder is used). */
async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector === undefined) return null;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code')
      ? new Detector({ formats: ['qr_code'] })
      : null;
  } catch {
    return null;
  }
}

/** Frames looked at per second: enough to feel instant, little enough for a cheap phone. */
const FRAME_MS = 150;

type CameraState = 'off' | 'starting' | 'on' | 'unavailable' | 'denied';

export interface QrScannerProps {
  /** A code read by the camera (once per distinct code) or typed and submitted (each time). */
  onCode(code: string): void;
  /** Start the camera at once rather than on the button. */
  autoStart?: boolean;
}

export function QrScanner({ onCode, autoStart = false }: QrScannerProps) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<CameraState>('off');
  const [typed, setTyped] = useState('');
  const stream = useRef<MediaStream | null>(null);
  const fresh = useRef(onceEach());
  const latest = useRef(onCode);
  latest.current = onCode;

  const stop = useCallback(() => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    setCamera((c) => (c === 'on' || c === 'starting' ? 'off' : c));
  }, []);

  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) return setCamera('unavailable');
    setCamera('starting');
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
    } catch (error) {
      return setCamera((error as Error).name === 'NotAllowedError' ? 'denied' : 'unavailable');
    }
    setCamera('on');
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start and stop are stable
  useEffect(() => {
    if (autoStart) void start();
    return stop;
  }, [autoStart]);

  // While the camera is on: show it, and look at a frame every FRAME_MS.
  useEffect(() => {
    const element = video.current;
    if (camera !== 'on' || element === null || stream.current === null) return;
    element.srcObject = stream.current;
    void element.play().catch(() => undefined);
    let running = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const detector = nativeDetector();
    const look = async () => {
      if (!running) return;
      let code: string | null = null;
      if (element.readyState >= element.HAVE_CURRENT_DATA && element.videoWidth > 0) {
        const native = await detector;
        if (native !== null) {
          code = (await native.detect(element).catch(() => []))[0]?.rawValue ?? null;
        } else {
          canvas.width = element.videoWidth;
          canvas.height = element.videoHeight;
          const context = canvas.getContext('2d', { willReadFrequently: true });
          if (context !== null) {
            context.drawImage(element, 0, 0);
            code = await decodeQrPixels(context.getImageData(0, 0, canvas.width, canvas.height));
          }
        }
      }
      if (running && code !== null && fresh.current(code)) latest.current(code);
      if (running) timer = setTimeout(look, FRAME_MS);
    };
    void look();
    return () => {
      running = false;
      clearTimeout(timer);
    };
  }, [camera]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = typed.trim();
    if (text === '') return;
    setTyped('');
    latest.current(text);
  };

  return (
    <div className="qr-scanner">
      {camera === 'on' || camera === 'starting' ? (
        <>
          <video ref={video} className="qr-video" muted playsInline aria-label={t('scan.camera')} />
          <p className="muted">{t('scan.looking')}</p>
          <button type="button" onClick={stop}>
            {t('scan.stop')}
          </button>
        </>
      ) : (
        <>
          {camera === 'unavailable' && <p className="muted">{t('scan.noCamera')}</p>}
          {camera === 'denied' && <p className="muted">{t('scan.denied')}</p>}
          <button type="button" className="primary big" onClick={() => void start()}>
            {t('scan.start')}
          </button>
        </>
      )}
      <form className="qr-manual" onSubmit={submit}>
        <label>
          <span className="field-label">{t('scan.manual')}</span>
          <input
            name="code"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
        </label>
        <button type="submit">{t('scan.submit')}</button>
      </form>
    </div>
  );
}
