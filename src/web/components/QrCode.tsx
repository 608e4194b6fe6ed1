// A QR code drawn as SVG in the page (the encoder is bundled: nothing is fetched from elsewhere), one
// path of dark runs, with the four-module quiet zone a scanner needs around it.
import QRCode from 'qrcode';
import { useMemo } from 'react';

const QUIET = 4;

export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (!modules.get(row, col)) continue;
        let run = 1;
        while (col + run < modules.size && modules.get(row, col + run)) run++;
        d += `M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`;
        col += run - 1;
      }
    }
    return { size: modules.size + 2 * QUIET, path: d };
  }, [text]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-qr={text}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
