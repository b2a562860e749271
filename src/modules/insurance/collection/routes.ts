import { z } from 'zod';
import type { RouteRegistrar } from '../../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../../platform/http/guard.ts';
import { assertRegion } from '../../../platform/auth/policy.ts';
import {
  AccountOut, ArrearsOut, ArrearsQuery, CsvOut, FundMonthlyOut, FundPostIn, FundPostOut, FundQuery, FundReportOut, IdParam, InterestIn, InterestOut, JournalOut,
  JournalQuery, PaymentIn, PaymentOut, RecordOut, StatementOut, StatementQuery, TransferIn, TransferOut, TransferQuery,
} from './schemas.ts';
import {
  employerStatement, fundMonthly, fundReportFor, listArrears, listJournals, makePayment, personAccount, personRecord, postFundIncome, uploadPayments,
} from './service.ts';
import { creditAnnualInterest } from './accounts.ts';
import { listTransfers, transferInsurance } from './transfers.ts';
import { readCsvRows, uploadedFile } from '../../../platform/http/uploads.ts';

const tags = ['insurance collection'];
const fundTags = ['insurance fund'];

export const registerCollectionRoutes: RouteRegistrar = (app, ctx) => {
  // ----- payments -----
  app.post('/api/insurance/payments', {
    config: { action: 'insurance.collect' },
    schema: { tags, summary: 'Record a payment by an employer or an individually insured person: applied to the oldest outstanding assessments first (employee share first), the rest kept as the payer’s credit; posts contribution income',
      body: PaymentIn, response: { 201: PaymentOut } },
  }, async (req, reply) => reply.code(201).send(await makePayment(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.post('/api/insurance/payments/csv', {
    config: { action: 'insurance.collect' },
    schema: { tags, summary: 'Upload payments as CSV (multipart field "file"): credit_code,id_number,amount,paid_on[,reference], amount in yuan; bad rows are reported, good rows kept',
      consumes: ['multipart/form-data'], response: { 201: CsvOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const file = await uploadedFile(req);
    const records = await readCsvRows(file, 5001, 'At most 5,000 payments per file');
    return reply.code(201).send(await uploadPayments(ctx, p, actorOf(req), file.filename, records));
  });

  app.get('/api/insurance/arrears', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Arrears (assessed, due and unpaid) per employer or per person in the caller’s region, largest first; an employer or insured person sees its own', querystring: ArrearsQuery, response: { 200: ArrearsOut } },
  }, async (req) => listArrears(ctx, requirePrincipal(req), req.query));

  app.get('/api/insurance/employers/:id/statement', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'An employer’s statement: per month and scheme, due, relief, paid, arrears and late fee (0.05 % a day from the day after the due date); its payments and credit',
      params: IdParam, querystring: StatementQuery, response: { 200: StatementOut } },
  }, async (req) => employerStatement(ctx, requirePrincipal(req), req.params.id, req.query));

  // ----- individual accounts, the person's record -----
  app.get('/api/insurance/persons/:id/account', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'A person’s individual pension account: balance and history (credits, interest, transfers); the person or officers of the region', params: IdParam, response: { 200: AccountOut } },
  }, async (req) => personAccount(ctx, requirePrincipal(req), req.params.id));

  app.get('/api/insurance/persons/:id/record', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'A person’s insurance record: enrollments in every province, contribution years, monthly bases and contributions, account, transfers',
      params: IdParam, querystring: z.object({ asOf: z.iso.date().optional() }), response: { 200: RecordOut } },
  }, async (req) => personRecord(ctx, requirePrincipal(req), req.params.id, req.query.asOf));

  app.post('/api/insurance/accounts/interest', {
    config: { action: 'fund.post' },
    schema: { tags, summary: 'Credit a year’s interest to every individual account of a province, at the year’s credited rate (idempotent)', body: InterestIn, response: { 200: InterestOut } },
  }, async (req) => {
    assertRegion(requirePrincipal(req), `${req.body.provinceCode}0000`);
    return creditAnnualInterest(ctx, req.body, actorOf(req));
  });

  // ----- transfers -----
  app.post('/api/insurance/transfers', {
    config: { action: 'insurance.transfer' },
    schema: { tags, summary: 'Transfer a person’s insurance relationship to another province (by the receiving region): ends the enrollments there, opens them here, moves the account and the contribution months, posts both ledgers',
      body: TransferIn, response: { 201: TransferOut } },
  }, async (req, reply) => reply.code(201).send(await transferInsurance(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.get('/api/insurance/transfers', {
    config: { action: 'insurance.read' },
    schema: { tags, summary: 'Transfers in or out of the caller’s region (both provinces see each)', querystring: TransferQuery, response: { 200: z.object({ items: z.array(TransferOut) }) } },
  }, async (req) => ({ items: await listTransfers(ctx.db, requirePrincipal(req), req.query) }));

  // ----- fund ledger -----
  app.get('/api/insurance/fund/report', {
    config: { action: 'fund.read' },
    schema: { tags: fundTags, summary: 'Fund income, expenditure and balance per province × scheme over a period (dates inclusive), as sums of ledger postings', querystring: FundQuery, response: { 200: FundReportOut } },
  }, async (req) => fundReportFor(ctx, requirePrincipal(req), req.query));

  app.get('/api/insurance/fund/monthly', {
    config: { action: 'fund.read' },
    schema: { tags: fundTags, summary: 'Fund income and expenditure per month and scheme (for charts)', querystring: FundQuery, response: { 200: FundMonthlyOut } },
  }, async (req) => fundMonthly(ctx, requirePrincipal(req), req.query));

  app.get('/api/insurance/fund/journals', {
    config: { action: 'fund.read' },
    schema: { tags: fundTags, summary: 'Journal entries of the fund ledger with their lines', querystring: JournalQuery, response: { 200: JournalOut } },
  }, async (req) => listJournals(ctx, requirePrincipal(req), req.query));

  app.post('/api/insurance/fund/postings', {
    config: { action: 'fund.post' },
    schema: { tags: fundTags, summary: 'Post a fiscal subsidy or the fund’s interest income to a province’s scheme ledger (Dr fund bank, Cr income)', body: FundPostIn, response: { 201: FundPostOut } },
  }, async (req, reply) => reply.code(201).send(await postFundIncome(ctx, requirePrincipal(req), actorOf(req), req.body)));
};
