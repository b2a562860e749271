import type { ContributionParams, ReliefWindow } from './contribution.ts';
import type { ParameterFileRow } from './params-load.ts';

/** Reads one parameter in force (province first, else '00'); throws PARAMETER_MISSING when none. */
export type ParamGetter = <T>(key: string) => Promise<T>;

/** The parameters of a monthly assessment, read for a province on a date (the period's first day). */
export async function contributionParams(get: ParamGetter): Promise<ContributionParams> {
  const [avgWageFen, floorRatio, ceilingRatio, pensionEmployer, pensionEmployee, unemploymentEmployer, unemploymentEmployee, flexiblePensionTotal, injuryBaseRates, injuryTiers, reliefRules] = await Promise.all([
    get<number>('avg_wage.monthly_fen'), get<string>('base.floor_ratio'), get<string>('base.ceiling_ratio'),
    get<string>('rate.pension_employee.employer'), get<string>('rate.pension_employee.employee'),
    get<string>('rate.unemployment.employer'), get<string>('rate.unemployment.employee'), get<string>('rate.flexible_pension.total'),
    get<Record<string, string>>('injury.base_rates'), get<Record<string, string[]>>('injury.tiers'), get<ReliefWindow[]>('relief.rules'),
  ]);
  return {
    avgWageFen: Number(avgWageFen), floorRatio: String(floorRatio), ceilingRatio: String(ceilingRatio),
    pensionEmployer: String(pensionEmployer), pensionEmployee: String(pensionEmployee),
    unemploymentEmployer: String(unemploymentEmployer), unemploymentEmployee: String(unemploymentEmployee),
    flexiblePensionTotal: String(flexiblePensionTotal), injuryBaseRates, injuryTiers, reliefRules,
  };
}

/** paramAt over the rows of the reviewed files, without a database (rule tests read the files as shipped). */
export function fileParamGetter(rows: ParameterFileRow[], provinceCode: string, date: string): ParamGetter {
  return async <T>(key: string) => {
    const inForce = (prov: string) => rows.filter((r) => r.key === key && r.province === prov && r.from <= date && (r.to === null || r.to > date))
      .sort((a, b) => b.from.localeCompare(a.from))[0];
    const row = inForce(provinceCode) ?? inForce('00');
    if (!row) throw Object.assign(new Error(`PARAMETER_MISSING ${key} ${provinceCode} ${date}`), { code: 'PARAMETER_MISSING' });
    return row.value as T;
  };
}
