/** Apache PDFBox Preflight (Debian's libpdfbox2-java, installed by .ci/run): is a PDF valid PDF/A-1b? */
import { spawnSync } from 'node:child_process';

const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => `/usr/share/java/${j}.jar`);

export function preflight(file: string): { valid: boolean; output: string } {
  const result = spawnSync('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], { encoding: 'utf8' });
  if (result.error) throw new Error(`Preflight could not run (${result.error.message}): apt-get install libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless`);
  return { valid: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
