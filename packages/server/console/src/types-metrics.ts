/** `GET /v1/agent/metrics` as the dashboard reads it (packages/server/src/store/metrics.ts and kpis.ts). */
export interface Durations {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface KpiFigures {
  created: number;
  resolved: number;
  firstResponse: Durations;
  resolution: Durations;
  sla: {
    firstResponse: { met: number; breached: number; metPercent: number | null };
    resolution: { met: number; breached: number; metPercent: number | null };
  };
  reopenRate: number | null;
  oneTouchRate: number | null;
  repeatContactRate: number | null;
}

interface BusinessHours {
  businessHours: { firstResponse: Durations; resolution: Durations };
}

interface Deflection {
  viewed: number;
  deflected: number;
  ratePercent: number | null;
}

interface Nps {
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  total: number;
}

interface Csat {
  average: number | null;
  distribution: Record<string, number>;
  total: number;
}

export interface Metrics {
  from: string;
  to: string;
  nps: Nps;
  csat: Csat;
  days: { date: string; nps: Nps; csat: Csat }[];
  kpis: KpiFigures &
    BusinessHours & {
      deflection: Deflection & { byDay: (Deflection & { date: string })[] };
      byDay: (KpiFigures & BusinessHours & { date: string })[];
      byWeek: (KpiFigures & BusinessHours & { week: string })[];
      byAgent: (KpiFigures & { agent: string | null; name: string | null })[];
      byCategory: (KpiFigures & { category: string })[];
    };
}
