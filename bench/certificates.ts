// 500 certificates: one edition with 12 past sessions (2 mandatory) and 500 accepted élus, each eligible by
// attendance; one call of issueCertificates, timed in this process. Baseline: rendering the same 500 PDFs
// one after the other, without anything else (the share of the time that is PDF rendering).
import { recordAttendance } from '../src/modules/events/check-in.ts';
import { applyToProgram, decideApplication } from '../src/modules/program/applications.ts';
import { certificatePdf } from '../src/modules/program/certificate-pdf.ts';
import { issueCertificates, listCertificates } from '../src/modules/program/certificates.ts';
import { addSession, createProgram } from '../src/modules/program/programs.ts';
import { parisDate } from '../src/platform/time.ts';
import { buildElected, buildEvent, buildLocalGovernment, buildStaff } from '../tests/factories.ts';
import { runAll } from './lib/cleanup.ts';
import { expectOk, timed, times } from './lib/data.ts';
import { createBenchDatabase } from './lib/database.ts';
import { printTargets, round, type Target } from './lib/load.ts';
import { ownCpu } from './lib/processes.ts';
import { recordResult } from './results.ts';

const participants = Number(process.env.CERTIFICATES_PARTICIPANTS ?? 500);
const baseUrl = 'https://coopdec.example.org';
const targetSeconds = 10;

async function main() {
  console.log(`certificates: ${participants} eligible participants, one call of issueCertificates`);
  const database = await createBenchDatabase();
  const { db } = database;
  try {
    const started = performance.now();
    const staff = await buildStaff(db);
    const organisations = await times(10, 5, () => buildLocalGovernment(db, { member: true }));
    const program = expectOk(
      await createProgram(
        db,
        {
          title: 'Promotion 2026-2027',
          minSessions: 5,
          signatoryName: 'Camille Martin',
          signatoryTitle: 'Présidente de Cités Unies France',
        },
        staff.id,
      ),
    );
    // 12 past sessions, a week apart, the first two mandatory.
    const sessions: Awaited<ReturnType<typeof buildEvent>>[] = [];
    for (let i = 0; i < 12; i++) {
      const event = await buildEvent(db, { title: `Séance ${i + 1}`, audience: 'members' }, -90 + 7 * i);
      expectOk(await addSession(db, program.id, { eventId: event.id, mandatory: i < 2 }, staff.id));
      sessions.push(event);
    }
    // Each participant: an élu of a member commune, applied, accepted, present at 6 sessions (both
    // mandatory ones and 4 others, rotating): eligible.
    await times(participants, 10, async (i) => {
      const elected = await buildElected(db, organisations[i % organisations.length]!.id);
      const application = expectOk(
        await db.transaction((tx) => applyToProgram(tx, program.id, { personId: elected.id }, staff.id)),
      );
      expectOk(
        await db.transaction((tx) =>
          decideApplication(tx, application.id, { decision: 'accepted' }, staff.id, baseUrl),
        ),
      );
      for (const s of [0, 1, ...[0, 1, 2, 3].map((k) => 2 + ((i + k) % 10))]) {
        await recordAttendance(db, {
          eventId: sessions[s]!.id,
          personId: elected.id,
          source: 'check_in',
          recordedBy: staff.id,
        });
      }
    });
    console.log(
      `  data ready in ${round((performance.now() - started) / 1000)} s (database ${database.name})`,
    );

    // Some PDFs first, so that neither figure includes loading pdfkit and the fonts, or compiling the code.
    const content = (i: number) => ({
      code: `ABCD-EFGH-JKLM-NPQR-STUV-${String(i).padStart(4, '0')}`,
      holderName: `Camille Test-${i}`,
      holderMandate: 'adjointe au maire déléguée aux relations internationales',
      organisationName: 'Saint-Étienne',
      title: 'Auditrice de Cités Unies France',
      programTitle: program.title,
      issuedOn: parisDate(),
      signatoryName: program.signatoryName,
      signatoryTitle: program.signatoryTitle,
      verificationUrl: `${baseUrl}/certificats/ABCD-EFGH-JKLM-NPQR-STUV-${i}`,
    });
    for (let i = 0; i < 20; i++) await certificatePdf(content(i));

    // Wall-clock and CPU time of this process: the CPU time is less sensitive to other work on the machine.
    let cpu = ownCpu();
    // A fixed secrets key: the bench's own database, sealed with it, lives for this run only.
    const signing = { baseUrl, secretsKey: Buffer.alloc(32, 7) };
    const issued = await timed(() => issueCertificates(db, program.id, staff.id, signing));
    const issueCpuSeconds = cpu();
    const rssAfterIssue = round(process.memoryUsage().rss / 1024 / 1024);
    const value = expectOk(issued.value);
    const stored = await listCertificates(db, program.id);
    cpu = ownCpu();
    const pdfs = await timed(async () => {
      let bytes = 0;
      for (let i = 0; i < participants; i++) bytes += (await certificatePdf(content(i))).length;
      return bytes;
    });
    const pdfCpuSeconds = cpu();

    const seconds = round(issued.seconds, 2);
    const pdfSeconds = round(pdfs.seconds, 2);
    const pdfShare = Math.round((100 * pdfs.seconds) / issued.seconds);
    const pdfCpuShare = Math.round((100 * pdfCpuSeconds) / issueCpuSeconds);
    console.log(
      `  issueCertificates: ${value.length} certificates in ${seconds} s, ` +
        `${round(value.length / issued.seconds)} certificates/s (${stored.length} stored; ` +
        `${round(issueCpuSeconds)} s of CPU in this process); ` +
        `peak RSS of the process ${round(process.resourceUsage().maxRSS / 1024)} MiB`,
    );
    console.log(
      `  baseline, certificatePdf × ${participants} one after the other: ${pdfSeconds} s ` +
        `(${round((1000 * pdfs.seconds) / participants, 1)} ms and ${round(pdfs.value / participants / 1024)} KiB per PDF): ` +
        `${round(pdfCpuSeconds)} s of CPU: PDF rendering is ${pdfShare} % of the issuing time, ${pdfCpuShare} % of its CPU time`,
    );
    const targets: Target[] = [
      {
        target: `${participants} certificates issued`,
        value: `${value.length} issued, ${stored.length} stored`,
        met: value.length === participants && stored.length === participants,
      },
      { target: `issuing ≤ ${targetSeconds} s`, value: `${seconds} s`, met: issued.seconds <= targetSeconds },
    ];
    printTargets(targets);
    recordResult('certificates', {
      participants,
      issued: value.length,
      stored: stored.length,
      seconds,
      certificatesPerSecond: round(value.length / issued.seconds),
      rssAfterIssueMiB: rssAfterIssue,
      peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
      issueCpuSeconds: round(issueCpuSeconds, 2),
      baselinePdfSeconds: pdfSeconds,
      baselinePdfCpuSeconds: round(pdfCpuSeconds, 2),
      baselinePdfMsEach: round((1000 * pdfs.seconds) / participants, 1),
      pdfSharePercent: pdfShare,
      pdfCpuSharePercent: pdfCpuShare,
      targets,
    });
  } finally {
    await database.drop();
  }
}

try {
  await main();
} catch (error) {
  await runAll();
  console.error(error);
  process.exitCode = 1;
}
