// Generated from the api route schemas by `npm run -w @loyaltystudio/api-client generate`; do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: Postgres, ClickHouse and Temporal answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            services: {
                                /** @description Engine version when up, the error when down */
                                detail: string;
                                /** @description Round trip of the probe, in milliseconds */
                                latencyMs: number;
                                name: "postgres" | "clickhouse" | "temporal" | "worker";
                                status: "up" | "down";
                                /** @description Where the engine is, without credentials */
                                url?: string;
                            }[];
                            status: "ready" | "not-ready";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            services: {
                                /** @description Engine version when up, the error when down */
                                detail: string;
                                /** @description Round trip of the probe, in milliseconds */
                                latencyMs: number;
                                name: "postgres" | "clickhouse" | "temporal" | "worker";
                                status: "up" | "down";
                                /** @description Where the engine is, without credentials */
                                url?: string;
                            }[];
                            status: "ready" | "not-ready";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/cohorts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Enrolment cohorts and their retention
         * @description Cohorts whose month or week holds a day of from–to, with every period up to the marts’ as-of date.
         *
         *     Needs the `analytics:read` permission.
         */
        get: {
            parameters: {
                query: {
                    /**
                     * @description First day (UTC), included
                     * @example 2026-01-01
                     */
                    from: string;
                    /** @description Enrolment cohorts by month or by week */
                    grain: "month" | "week";
                    /**
                     * @description Last day (UTC), included
                     * @example 2026-03-31
                     */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cohorts: {
                                cohortSize: number;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                cohortStart: string;
                                periods: {
                                    activeMembers: number;
                                    periodIndex: number;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    periodStart: string;
                                    retentionRate: number | null;
                                    revenueMinor: number;
                                }[];
                            }[];
                            grain: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/funnels/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Enrolment or campaign funnel by cohort
         * @description One cohort (cohort), or the cohorts starting in from–to, newest first, each with its steps.
         *
         *     Needs the `analytics:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description One cohort: an enrolment month (`2026-03-01`) or a campaign id */
                    cohort?: string;
                    /**
                     * @description First day (UTC), included
                     * @example 2026-01-01
                     */
                    from?: string;
                    /**
                     * @description Last day (UTC), included
                     * @example 2026-03-31
                     */
                    to?: string;
                };
                header?: never;
                path: {
                    kind: "enrolment" | "campaign";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cohorts: {
                                cohortKey: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                cohortStart: string;
                                steps: {
                                    conversionFromPrevious: number | null;
                                    conversionFromStart: number | null;
                                    medianSecondsFromPrevious: number | null;
                                    members: number;
                                    /** @example first_purchase */
                                    step: string;
                                    stepIndex: number;
                                }[];
                            }[];
                            /** @enum {unknown} */
                            kind: "enrolment" | "campaign";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members with their 360° figures
         * @description Filtered, sorted by a whitelisted column, paged by cursor (at most 200 per page).
         *
         *     Needs the `analytics:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Members whose external id starts with this */
                    externalIdPrefix?: string;
                    /** @description Frequency score (a column of the RFM grid) */
                    fScore?: number;
                    /** @description Items per page */
                    limit?: number;
                    /** @description Days since the last purchase, at most */
                    maxRecencyDays?: number;
                    /** @description Net revenue, all time, at most */
                    maxRevenueMinor?: number;
                    /** @description Days since the last purchase, at least */
                    minRecencyDays?: number;
                    /** @description Net revenue, all time, at least */
                    minRevenueMinor?: number;
                    order?: "asc" | "desc";
                    /** @description Recency score (a row of the RFM grid) */
                    rScore?: number;
                    /** @description RFM segments (repeat the parameter for several) */
                    segment?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
                    /** @description The column to sort by; the member id breaks ties */
                    sort?: "revenueMinor" | "monetaryMinor" | "frequency" | "purchases" | "recencyDays" | "pointsAvailable" | "lifetimeEarnedPoints" | "enrolledAt" | "lastPurchaseAt";
                    /** @example vip */
                    tag?: string;
                    tierId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                cohortMonth: string;
                                /** Format: date-time */
                                enrolledAt: string;
                                expiredPoints: number;
                                externalId: string;
                                firstPurchaseAt: string | null;
                                frequency: number;
                                fScore: number;
                                lastPurchaseAt: string | null;
                                lastRedemptionAt: string | null;
                                lifetimeEarnedPoints: number;
                                /** Format: uuid */
                                memberId: string;
                                monetaryMinor: number;
                                mScore: number;
                                pointsAvailable: number;
                                pointsPending: number;
                                purchases: number;
                                recencyDays: number | null;
                                redeemedPoints: number;
                                redemptions: number;
                                revenueMinor: number;
                                rfmSegment: string;
                                rScore: number;
                                /** @description The member’s scores of the tenant’s latest completed scoring run; null until the member is scored */
                                scores: {
                                    /** @description The date of the features the scores were computed from */
                                    asOfDate: string;
                                    churnHorizonDays: number;
                                    /** @example 20261206T201206Z */
                                    churnModelVersion: string;
                                    /** @description P(no purchase in churnHorizonDays after asOfDate) */
                                    churnProbability: number;
                                    /** @description low below 0.3, medium from 0.3 to below 0.6, high from 0.6 */
                                    churnRiskBand: "low" | "medium" | "high";
                                    clvHorizonDays: number;
                                    /** @example 20261206T201206Z */
                                    clvModelVersion: string;
                                    /** @description The tenant’s currency; null if unset */
                                    currency: string | null;
                                    /** @description Expected purchase days over clvHorizonDays */
                                    expectedPurchases: number;
                                    /** @description Predicted net revenue over clvHorizonDays after asOfDate, in minor units of currency */
                                    predictedClvMinor: number;
                                    /** @description P(the member has not left for good), BG/NBD */
                                    probabilityAlive: number;
                                    /** Format: uuid */
                                    runId: string;
                                    /** Format: date-time */
                                    scoredAt: string;
                                } | null;
                                status: string;
                                tags: string[];
                                tierId: string | null;
                                tierName: string | null;
                                tierRank: number | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Executive overview against the previous period
         * @description Active members, revenue share of members, points liability, redemption rate and ROI over from–to, each with the same number of days just before, and the change. Monthly figures (revenue, cost, ROI) cover the months the range touches, and `monthly` gives them month by month (the trends). Without programId, every program of the tenant; 422 when they earn in several currencies.
         *
         *     Needs the `analytics:read` permission.
         */
        get: {
            parameters: {
                query: {
                    /**
                     * @description First day (UTC), included
                     * @example 2026-01-01
                     */
                    from: string;
                    /** @description One program; every program when left out */
                    programId?: string;
                    /**
                     * @description Last day (UTC), included
                     * @example 2026-03-31
                     */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string | null;
                            current: {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            metrics: {
                                activeMembers: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                guestRevenueMinor: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                incrementalRevenueMinor: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                issuedPoints: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                memberRevenueMinor: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                memberRevenueShare: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                outstandingPoints: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                pointsLiabilityMinor: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                redeemedPoints: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                redemptionRate: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                roi: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                                totalCostMinor: {
                                    change: number | null;
                                    current: number | null;
                                    previous: number | null;
                                    relativeChange: number | null;
                                };
                            };
                            /** @description Every month of `months`, oldest first: each month's figures as the overview of that month alone gives them (the trends) */
                            monthly: {
                                guestRevenueMinor: number;
                                incrementalRevenueMinor: number;
                                memberRevenueMinor: number;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                month: string;
                                roi: number | null;
                                totalCostMinor: number;
                            }[];
                            /** @description First days of the months `current` touches: revenue, revenue share, cost and ROI cover them */
                            months: {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description The same number of days, just before */
                            previous: {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            previousMonths: {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            programId: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/points-economy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A program's points economy by day
         * @description Points issued, redeemed, expired, reversed and adjusted per day, the outstanding liability and breakage.
         *
         *     Needs the `analytics:read` permission.
         */
        get: {
            parameters: {
                query: {
                    /**
                     * @description First day (UTC), included
                     * @example 2026-01-01
                     */
                    from: string;
                    /** @description A program of the tenant */
                    programId: string;
                    /**
                     * @description Last day (UTC), included
                     * @example 2026-03-31
                     */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example EUR */
                            currency: string;
                            days: {
                                adjustedPoints: number;
                                breakageRate: number | null;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                day: string;
                                expiredPoints: number;
                                issuedPoints: number;
                                netChangePoints: number;
                                outstandingLiabilityMinor: number;
                                outstandingPoints: number;
                                redeemedPoints: number;
                                reversedPoints: number;
                            }[];
                            /** Format: uuid */
                            programId: string;
                            totals: {
                                adjustedPoints: number;
                                breakageRate: number | null;
                                expiredPoints: number;
                                issuedPoints: number;
                                netChangePoints: number;
                                outstandingLiabilityMinor: number;
                                outstandingPoints: number;
                                redeemedPoints: number;
                                reversedPoints: number;
                            } | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/rfm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * RFM segment sizes and the 5×5 R×F grid
         * @description As of the marts’ as-of date: members per segment and per R×F cell, with their average monetary value.
         *
         *     Needs the `analytics:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOfDate: string | null;
                            grid: {
                                avgMonetaryMinor: number | null;
                                fScore: number;
                                members: number;
                                rScore: number;
                            }[];
                            members: number;
                            segments: {
                                avgMonetaryMinor: number | null;
                                members: number;
                                /** @enum {unknown} */
                                segment: "Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost";
                                share: number | null;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A program's tier distribution and movements by month
         * @description Members per tier at the end of each month the range touches, and the tier changes of those months.
         *
         *     Needs the `analytics:read` permission.
         */
        get: {
            parameters: {
                query: {
                    /**
                     * @description First day (UTC), included
                     * @example 2026-01-01
                     */
                    from: string;
                    /** @description A program of the tenant */
                    programId: string;
                    /**
                     * @description Last day (UTC), included
                     * @example 2026-03-31
                     */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            distribution: {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                month: string;
                                tiers: {
                                    members: number;
                                    share: number | null;
                                    tierId: string | null;
                                    /** @example Gold */
                                    tierName: string;
                                    /** @description 0 for no tier */
                                    tierRank: number;
                                }[];
                            }[];
                            movements: {
                                changes: number;
                                /** @enum {unknown} */
                                direction: "upgrade" | "downgrade";
                                from: {
                                    tierId: string | null;
                                    /** @example Gold */
                                    tierName: string;
                                    /** @description 0 for no tier */
                                    tierRank: number;
                                };
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                month: string;
                                to: {
                                    tierId: string | null;
                                    /** @example Gold */
                                    tierName: string;
                                    /** @description 0 for no tier */
                                    tierRank: number;
                                };
                            }[];
                            /** Format: uuid */
                            programId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Without secrets; with last use and usage counts.
         *
         *     Needs the `api_keys:manage` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                createdByUserId: string | null;
                                expiresAt: string | null;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                /**
                                 * @description The public start of the key, to recognise it
                                 * @example mk_3f9a1c2b4d5e
                                 */
                                prefix: string;
                                rateLimitPerMinute: number;
                                revokedAt: string | null;
                                scopes: string[];
                                status: "active" | "revoked" | "expired";
                                /** @description Authenticated requests made with the key */
                                usageCount: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Issue an API key
         * @description The response holds the key itself; it is stored hashed and never shown again.
         *
         *     Needs the `api_keys:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the key stops working; never when absent
                         */
                        expiresAt?: string;
                        /** @example Shop checkout */
                        name: string;
                        /**
                         * @description Requests per minute, per api instance
                         * @default 600
                         */
                        rateLimitPerMinute?: number;
                        /**
                         * @example [
                         *       "events:write",
                         *       "members:read"
                         *     ]
                         */
                        scopes: ("programs:read" | "members:read" | "members:write" | "members:erase" | "events:write" | "guest_purchases:write" | "guest_purchases:read" | "ledger:read" | "ledger:adjust" | "rewards:read" | "redemptions:write" | "analytics:read" | "exports:create" | "imports:write" | "segments:read" | "campaigns:read" | "reports:read" | "models:read")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdByUserId: string | null;
                            expiresAt: string | null;
                            /** Format: uuid */
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /**
                             * @description The public start of the key, to recognise it
                             * @example mk_3f9a1c2b4d5e
                             */
                            prefix: string;
                            rateLimitPerMinute: number;
                            revokedAt: string | null;
                            scopes: string[];
                            status: "active" | "revoked" | "expired";
                            /** @description Authenticated requests made with the key */
                            usageCount: number;
                        } & {
                            /**
                             * @description The key itself: shown in this response only, never again
                             * @example mk_3f9a1c2b4d5e_8Zq0v…
                             */
                            key: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{apiKeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an API key
         * @description Needs the `api_keys:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    apiKeyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdByUserId: string | null;
                            expiresAt: string | null;
                            /** Format: uuid */
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /**
                             * @description The public start of the key, to recognise it
                             * @example mk_3f9a1c2b4d5e
                             */
                            prefix: string;
                            rateLimitPerMinute: number;
                            revokedAt: string | null;
                            scopes: string[];
                            status: "active" | "revoked" | "expired";
                            /** @description Authenticated requests made with the key */
                            usageCount: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Needs the `api_keys:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    apiKeyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdByUserId: string | null;
                            expiresAt: string | null;
                            /** Format: uuid */
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /**
                             * @description The public start of the key, to recognise it
                             * @example mk_3f9a1c2b4d5e
                             */
                            prefix: string;
                            rateLimitPerMinute: number;
                            revokedAt: string | null;
                            scopes: string[];
                            status: "active" | "revoked" | "expired";
                            /** @description Authenticated requests made with the key */
                            usageCount: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Every administrative change, newest first: who, what, and the entity before and after.
         *
         *     Needs the `audit:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @example user.update */
                    action?: string;
                    /** @description A user id or an API key id */
                    actorId?: string;
                    actorType?: "user" | "api_key" | "system";
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    entityId?: string;
                    /** @example user */
                    entityType?: string;
                    /** @description Entries at or after this time */
                    from?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description Entries before this time */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @example program.update */
                                action: string;
                                actorId: string | null;
                                /** @example user */
                                actorType: string;
                                /** @description The entity after the change */
                                after: unknown;
                                /** @description The entity before the change; null for a creation */
                                before: unknown;
                                /** Format: date-time */
                                createdAt: string;
                                entityId: string | null;
                                /** @example program */
                                entityType: string;
                                /** Format: uuid */
                                id: string;
                                requestId: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new pair
         * @description The refresh token is spent. Presenting a spent token again ends its whole session (reuse detection). Refreshes are limited per client address: beyond that the answer is 429 with Retry-After.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example q3o0H2Vt… */
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send as `Authorization: Bearer <accessToken>` */
                            accessToken: string;
                            /** Format: date-time */
                            accessTokenExpiresAt: string;
                            /** @description Single use: exchange it at POST /v1/auth/refresh for the next pair */
                            refreshToken: string;
                            /** Format: date-time */
                            refreshTokenExpiresAt: string;
                            /** Format: uuid */
                            sessionId: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description Returns a short-lived access token and a single-use refresh token. Every failure answers the same 401. Attempts are limited per client address and per account (tenant and email, known or not): beyond that the answer is 429 with Retry-After.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example ada@example.com */
                        email: string;
                        /** @example correct horse battery staple */
                        password: string;
                        /**
                         * @description The merchant's slug
                         * @example cafe-lumiere
                         */
                        tenant: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: {
                                /** @description Send as `Authorization: Bearer <accessToken>` */
                                accessToken: string;
                                /** Format: date-time */
                                accessTokenExpiresAt: string;
                                /** @description Single use: exchange it at POST /v1/auth/refresh for the next pair */
                                refreshToken: string;
                                /** Format: date-time */
                                refreshTokenExpiresAt: string;
                                /** Format: uuid */
                                sessionId: string;
                                /** @enum {string} */
                                tokenType: "Bearer";
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                                /** Format: uuid */
                                tenantId: string;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the caller's session
         * @description Needs a signed-in dashboard user, whatever the role; API keys are refused.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List campaigns, newest first
         * @description Needs the `campaigns:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    status?: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                audience: {
                                    segmentVersionId: string | null;
                                };
                                budget: {
                                    points: number | null;
                                    remainingPoints: number | null;
                                    /** @description Points given so far (rewards at their cost in points) */
                                    spentPoints: number;
                                };
                                completedAt: string | null;
                                config: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                createdAt: string;
                                description: string | null;
                                holdoutPercent: number;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** Format: uuid */
                                programId: string;
                                schedule: {
                                    /**
                                     * Format: date-time
                                     * @example 2026-06-01T00:00:00Z
                                     */
                                    endsAt: string;
                                    /**
                                     * Format: date-time
                                     * @example 2026-06-01T00:00:00Z
                                     */
                                    startsAt: string;
                                    windows: {
                                        /** @description Local days; absent: every day */
                                        days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                        /** @description Local start time, inclusive */
                                        from: string;
                                        /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                        to: string;
                                    }[];
                                };
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                                stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                                /**
                                 * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                                 * @enum {unknown}
                                 */
                                type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                updatedAt: string;
                                variants: {
                                    /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                    config?: {
                                        [key: string]: unknown;
                                    };
                                    /**
                                     * @description Stored in campaign_members.variant
                                     * @example a
                                     */
                                    key: string;
                                    name?: string;
                                    /**
                                     * @description Share of the members not held out; the arms add up to 100
                                     * @example 50
                                     */
                                    percent: number;
                                }[];
                                /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                                workflowId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a campaign (a draft)
         * @description Nothing runs until it is launched. Refused with the path of each bad field: a config that is not its type’s, arms not adding up to 100%, a window that ends before it starts, a budget below 1, a program, segment version or reward that is not the tenant’s.
         *
         *     Needs the `campaigns:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "programId": "0b8f9a64-5d0e-4c1f-9a53-2f0a1c6e7d11",
                     *       "name": "Double points weekend",
                     *       "type": "multiplier",
                     *       "config": {
                     *         "percent": 200
                     *       },
                     *       "audience": {
                     *         "segmentVersionId": "5c2d0e8b-1f3a-4b7c-8e9d-0a1b2c3d4e5f"
                     *       },
                     *       "schedule": {
                     *         "startsAt": "2026-06-06T00:00:00Z",
                     *         "endsAt": "2026-06-08T00:00:00Z",
                     *         "windows": [
                     *           {
                     *             "days": [
                     *               "sat",
                     *               "sun"
                     *             ],
                     *             "from": "08:00",
                     *             "to": "20:00"
                     *           }
                     *         ]
                     *       },
                     *       "budgetPoints": 500000,
                     *       "variants": [
                     *         {
                     *           "key": "double",
                     *           "percent": 50
                     *         },
                     *         {
                     *           "key": "triple",
                     *           "percent": 50,
                     *           "config": {
                     *             "percent": 300
                     *           }
                     *         }
                     *       ],
                     *       "holdoutPercent": 10
                     *     }
                     */
                    "application/json": {
                        /** @description Materialised into the campaign’s members when it starts */
                        audience: {
                            /**
                             * Format: uuid
                             * @description A version of one of the tenant’s segments
                             */
                            segmentVersionId: string;
                        };
                        /**
                         * @description Points the campaign may give in all (rewards count their cost in points); it stops when they are spent. null: no limit
                         * @example 100000
                         */
                        budgetPoints?: number | null;
                        /**
                         * @description The type’s settings. multiplier: { percent, conditions? }; fixed_bonus: { points, conditions?, maxAwardsPerMember? }; reward_grant: { rewardId, conditions? }; spend_threshold: { spendMinor, points, repeat?, conditions? }. `conditions` are the rules engine’s (see the rules API).
                         * @example {
                         *       "percent": 200
                         *     }
                         */
                        config: {
                            [key: string]: unknown;
                        };
                        description?: string | null;
                        /** @description Share of the audience held out, in percent: assigned `holdout`, given nothing */
                        holdoutPercent?: number;
                        /** @example Double points weekend */
                        name: string;
                        /** Format: uuid */
                        programId: string;
                        schedule: {
                            /**
                             * Format: date-time
                             * @description Exclusive; later than startsAt
                             */
                            endsAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            startsAt: string;
                            /** @description Local times of day (tenant’s time zone) when events qualify; absent or empty: all day */
                            windows?: {
                                /** @description Local days; absent: every day */
                                days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                /** @description Local start time, inclusive */
                                from: string;
                                /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                to: string;
                            }[];
                        };
                        /**
                         * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                         * @enum {unknown}
                         */
                        type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                        /** @description Arms with split percentages adding up to 100; absent: one arm, `treatment` */
                        variants?: {
                            /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                            config?: {
                                [key: string]: unknown;
                            };
                            /**
                             * @description Stored in campaign_members.variant
                             * @example a
                             */
                            key: string;
                            name?: string;
                            /**
                             * @description Share of the members not held out; the arms add up to 100
                             * @example 50
                             */
                            percent: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audience: {
                                segmentVersionId: string | null;
                            };
                            budget: {
                                points: number | null;
                                remainingPoints: number | null;
                                /** @description Points given so far (rewards at their cost in points) */
                                spentPoints: number;
                            };
                            completedAt: string | null;
                            config: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            createdAt: string;
                            description: string | null;
                            holdoutPercent: number;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            schedule: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                                windows: {
                                    /** @description Local days; absent: every day */
                                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    /** @description Local start time, inclusive */
                                    from: string;
                                    /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                    to: string;
                                }[];
                            };
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                            stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                            /**
                             * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                             * @enum {unknown}
                             */
                            type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            updatedAt: string;
                            variants: {
                                /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @description Stored in campaign_members.variant
                                 * @example a
                                 */
                                key: string;
                                name?: string;
                                /**
                                 * @description Share of the members not held out; the arms add up to 100
                                 * @example 50
                                 */
                                percent: number;
                            }[];
                            /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a campaign
         * @description Needs the `campaigns:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audience: {
                                segmentVersionId: string | null;
                            };
                            budget: {
                                points: number | null;
                                remainingPoints: number | null;
                                /** @description Points given so far (rewards at their cost in points) */
                                spentPoints: number;
                            };
                            completedAt: string | null;
                            config: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            createdAt: string;
                            description: string | null;
                            holdoutPercent: number;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            schedule: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                                windows: {
                                    /** @description Local days; absent: every day */
                                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    /** @description Local start time, inclusive */
                                    from: string;
                                    /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                    to: string;
                                }[];
                            };
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                            stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                            /**
                             * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                             * @enum {unknown}
                             */
                            type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            updatedAt: string;
                            variants: {
                                /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @description Stored in campaign_members.variant
                                 * @example a
                                 */
                                key: string;
                                name?: string;
                                /**
                                 * @description Share of the members not held out; the arms add up to 100
                                 * @example 50
                                 */
                                percent: number;
                            }[];
                            /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a campaign
         * @description Draft and scheduled campaigns take any change. A running or paused one takes a name, a description or a larger budget: changing its audience, arms, type, config or schedule answers 409 `campaign-running` with the reason. A completed or cancelled one answers 409 `campaign-ended`.
         *
         *     Needs the `campaigns:write` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            /** @description Draft and scheduled campaigns take any change. A running or paused campaign takes a new name, description or a larger budget only: its audience, arms, type, config and schedule are fixed once members are assigned. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Materialised into the campaign’s members when it starts */
                        audience?: {
                            /**
                             * Format: uuid
                             * @description A version of one of the tenant’s segments
                             */
                            segmentVersionId: string;
                        };
                        /**
                         * @description Points the campaign may give in all (rewards count their cost in points); it stops when they are spent. null: no limit
                         * @example 100000
                         */
                        budgetPoints?: number | null;
                        /**
                         * @description The type’s settings. multiplier: { percent, conditions? }; fixed_bonus: { points, conditions?, maxAwardsPerMember? }; reward_grant: { rewardId, conditions? }; spend_threshold: { spendMinor, points, repeat?, conditions? }. `conditions` are the rules engine’s (see the rules API).
                         * @example {
                         *       "percent": 200
                         *     }
                         */
                        config?: {
                            [key: string]: unknown;
                        };
                        description?: string | null;
                        /** @description Share of the audience held out, in percent: assigned `holdout`, given nothing */
                        holdoutPercent?: number;
                        /** @example Double points weekend */
                        name?: string;
                        schedule?: {
                            /**
                             * Format: date-time
                             * @description Exclusive; later than startsAt
                             */
                            endsAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            startsAt: string;
                            /** @description Local times of day (tenant’s time zone) when events qualify; absent or empty: all day */
                            windows?: {
                                /** @description Local days; absent: every day */
                                days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                /** @description Local start time, inclusive */
                                from: string;
                                /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                to: string;
                            }[];
                        };
                        /**
                         * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                         * @enum {unknown}
                         */
                        type?: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                        /** @description Arms with split percentages adding up to 100; absent: one arm, `treatment` */
                        variants?: {
                            /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                            config?: {
                                [key: string]: unknown;
                            };
                            /**
                             * @description Stored in campaign_members.variant
                             * @example a
                             */
                            key: string;
                            name?: string;
                            /**
                             * @description Share of the members not held out; the arms add up to 100
                             * @example 50
                             */
                            percent: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audience: {
                                segmentVersionId: string | null;
                            };
                            budget: {
                                points: number | null;
                                remainingPoints: number | null;
                                /** @description Points given so far (rewards at their cost in points) */
                                spentPoints: number;
                            };
                            completedAt: string | null;
                            config: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            createdAt: string;
                            description: string | null;
                            holdoutPercent: number;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            schedule: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                                windows: {
                                    /** @description Local days; absent: every day */
                                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    /** @description Local start time, inclusive */
                                    from: string;
                                    /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                    to: string;
                                }[];
                            };
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                            stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                            /**
                             * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                             * @enum {unknown}
                             */
                            type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            updatedAt: string;
                            variants: {
                                /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @description Stored in campaign_members.variant
                                 * @example a
                                 */
                                key: string;
                                name?: string;
                                /**
                                 * @description Share of the members not held out; the arms add up to 100
                                 * @example 50
                                 */
                                percent: number;
                            }[];
                            /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/campaigns/{campaignId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a campaign
         * @description From any status but completed: it stops crediting at once and its workflow ends. Cancelling a cancelled campaign answers it as it is.
         *
         *     Needs the `campaigns:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audience: {
                                segmentVersionId: string | null;
                            };
                            budget: {
                                points: number | null;
                                remainingPoints: number | null;
                                /** @description Points given so far (rewards at their cost in points) */
                                spentPoints: number;
                            };
                            completedAt: string | null;
                            config: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            createdAt: string;
                            description: string | null;
                            holdoutPercent: number;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            schedule: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                                windows: {
                                    /** @description Local days; absent: every day */
                                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    /** @description Local start time, inclusive */
                                    from: string;
                                    /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                    to: string;
                                }[];
                            };
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                            stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                            /**
                             * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                             * @enum {unknown}
                             */
                            type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            updatedAt: string;
                            variants: {
                                /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @description Stored in campaign_members.variant
                                 * @example a
                                 */
                                key: string;
                                name?: string;
                                /**
                                 * @description Share of the members not held out; the arms add up to 100
                                 * @example 50
                                 */
                                percent: number;
                            }[];
                            /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}/launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Launch a draft campaign
         * @description Draft → scheduled, and its Temporal workflow (`campaign:<tenant>:<id>`) started: at its start the workflow assigns the audience to the arms and the campaign runs. Launching a scheduled campaign again answers it as it is. 422 when its window is over or its program archived; 503 when Temporal does not answer (nothing changes).
         *
         *     Needs the `campaigns:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audience: {
                                segmentVersionId: string | null;
                            };
                            budget: {
                                points: number | null;
                                remainingPoints: number | null;
                                /** @description Points given so far (rewards at their cost in points) */
                                spentPoints: number;
                            };
                            completedAt: string | null;
                            config: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            createdAt: string;
                            description: string | null;
                            holdoutPercent: number;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            schedule: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                                windows: {
                                    /** @description Local days; absent: every day */
                                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    /** @description Local start time, inclusive */
                                    from: string;
                                    /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                    to: string;
                                }[];
                            };
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                            stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                            /**
                             * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                             * @enum {unknown}
                             */
                            type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            updatedAt: string;
                            variants: {
                                /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @description Stored in campaign_members.variant
                                 * @example a
                                 */
                                key: string;
                                name?: string;
                                /**
                                 * @description Share of the members not held out; the arms add up to 100
                                 * @example 50
                                 */
                                percent: number;
                            }[];
                            /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a running campaign
         * @description Accruals stop crediting it at once. Pausing a paused campaign answers it as it is.
         *
         *     Needs the `campaigns:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audience: {
                                segmentVersionId: string | null;
                            };
                            budget: {
                                points: number | null;
                                remainingPoints: number | null;
                                /** @description Points given so far (rewards at their cost in points) */
                                spentPoints: number;
                            };
                            completedAt: string | null;
                            config: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            createdAt: string;
                            description: string | null;
                            holdoutPercent: number;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            schedule: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                                windows: {
                                    /** @description Local days; absent: every day */
                                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    /** @description Local start time, inclusive */
                                    from: string;
                                    /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                    to: string;
                                }[];
                            };
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                            stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                            /**
                             * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                             * @enum {unknown}
                             */
                            type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            updatedAt: string;
                            variants: {
                                /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @description Stored in campaign_members.variant
                                 * @example a
                                 */
                                key: string;
                                name?: string;
                                /**
                                 * @description Share of the members not held out; the arms add up to 100
                                 * @example 50
                                 */
                                percent: number;
                            }[];
                            /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a campaign’s results: each arm against the holdout
         * @description From the `campaign_results` mart as of its last build (`asOf`): per arm, members, participation, revenue, points cost and redemption rate per member, and against the holdout the incremental revenue and points cost per member with 95% intervals (Welch, CUPED on pre-period revenue, always-valid), the return on points spent, whether the difference is established, and the sample ratio check. 409 `campaign-not-started` before the campaign starts, `campaign-without-holdout` when it holds no one out, `campaign-results-not-built` when the marts were built before it started; 503 when the warehouse does not answer or the marts are not built.
         *
         *     Needs the `campaigns:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            asOf: string;
                            /**
                             * Format: date
                             * @description The day the marts describe
                             */
                            asOfDate: string;
                            /** Format: uuid */
                            campaignId: string;
                            comparisons: {
                                /**
                                 * @description A variant key, or holdout
                                 * @example treatment
                                 */
                                arm: string;
                                /** @description Bonus points the campaign gave the arm */
                                bonusPoints: number;
                                /** @description The always-valid interval of incremental revenue excludes zero: safe to act on at any look */
                                established: boolean;
                                /** @description A difference per member with its 95% intervals; null with fewer than two members in an arm */
                                incrementalPointsCost: {
                                    cuped: {
                                        correlation: number;
                                        degreesOfFreedom: number;
                                        /** @description Arm minus holdout, per member */
                                        estimate: number;
                                        /** @description The interval lies wholly above or wholly below zero */
                                        excludesZero: boolean;
                                        lower: number;
                                        standardError: number;
                                        /** @description The pooled within-arm slope on pre-period revenue */
                                        theta: number;
                                        upper: number;
                                        /** @description 1 − (CUPED standard error ÷ Welch standard error)² */
                                        varianceReduction: number;
                                    } | null;
                                    estimate: number | null;
                                    sequential: {
                                        /** @description Arm minus holdout, per member */
                                        estimate: number;
                                        /** @description The interval lies wholly above or wholly below zero */
                                        excludesZero: boolean;
                                        lower: number;
                                        /** @description τ², tuned to the planned audience */
                                        mixingVariance: number;
                                        standardError: number;
                                        upper: number;
                                    } | null;
                                    welch: {
                                        degreesOfFreedom: number;
                                        /** @description Arm minus holdout, per member */
                                        estimate: number;
                                        /** @description The interval lies wholly above or wholly below zero */
                                        excludesZero: boolean;
                                        lower: number;
                                        standardError: number;
                                        upper: number;
                                    } | null;
                                };
                                /** @description A difference per member with its 95% intervals; null with fewer than two members in an arm */
                                incrementalRevenue: {
                                    cuped: {
                                        correlation: number;
                                        degreesOfFreedom: number;
                                        /** @description Arm minus holdout, per member */
                                        estimate: number;
                                        /** @description The interval lies wholly above or wholly below zero */
                                        excludesZero: boolean;
                                        lower: number;
                                        standardError: number;
                                        /** @description The pooled within-arm slope on pre-period revenue */
                                        theta: number;
                                        upper: number;
                                        /** @description 1 − (CUPED standard error ÷ Welch standard error)² */
                                        varianceReduction: number;
                                    } | null;
                                    estimate: number | null;
                                    sequential: {
                                        /** @description Arm minus holdout, per member */
                                        estimate: number;
                                        /** @description The interval lies wholly above or wholly below zero */
                                        excludesZero: boolean;
                                        lower: number;
                                        /** @description τ², tuned to the planned audience */
                                        mixingVariance: number;
                                        standardError: number;
                                        upper: number;
                                    } | null;
                                    welch: {
                                        degreesOfFreedom: number;
                                        /** @description Arm minus holdout, per member */
                                        estimate: number;
                                        /** @description The interval lies wholly above or wholly below zero */
                                        excludesZero: boolean;
                                        lower: number;
                                        standardError: number;
                                        upper: number;
                                    } | null;
                                };
                                /** @description Members seated in the arm at the start */
                                members: number;
                                /** @description Members with a purchase in the window */
                                participants: number;
                                participation: number | null;
                                pointsCostPerMember: number | null;
                                preRevenuePerMember: number | null;
                                redeemers: number;
                                redemptionRate: number | null;
                                /** @description Members’ own fulfilled redemptions in the window */
                                redemptions: number;
                                returnOnPointsSpent: number | null;
                                revenuePerMember: number | null;
                                revenuePerPoint: number | null;
                                /** @description Rewards it granted the arm, at their cost in points */
                                rewardPoints: number;
                                /** @description The finding in words */
                                summary: string;
                                /** @description The arm’s configured share: percent × (100 − holdoutPercent), holdout 100 × h */
                                weight: number;
                            }[];
                            /** @example 0.95 */
                            confidence: number;
                            /**
                             * @description The program’s earning currency (ISO 4217)
                             * @example EUR
                             */
                            currency: string;
                            holdout: {
                                /**
                                 * @description A variant key, or holdout
                                 * @example treatment
                                 */
                                arm: string;
                                /** @description Bonus points the campaign gave the arm */
                                bonusPoints: number;
                                /** @description Members seated in the arm at the start */
                                members: number;
                                /** @description Members with a purchase in the window */
                                participants: number;
                                participation: number | null;
                                pointsCostPerMember: number | null;
                                preRevenuePerMember: number | null;
                                redeemers: number;
                                redemptionRate: number | null;
                                /** @description Members’ own fulfilled redemptions in the window */
                                redemptions: number;
                                revenuePerMember: number | null;
                                /** @description Rewards it granted the arm, at their cost in points */
                                rewardPoints: number;
                                /** @description The arm’s configured share: percent × (100 − holdoutPercent), holdout 100 × h */
                                weight: number;
                            };
                            /** @description What the campaign gave members outside its audience (seated after the start, corrections, imports): in no arm and in no comparison; with the arms it adds up to every bonus entry naming the campaign */
                            outsideAudience: {
                                /** @description Bonus points the campaign gave them */
                                bonusPoints: number;
                                /** @description Members outside the audience who received a bonus or reward naming it */
                                members: number;
                                /** @description Rewards it granted them, at their cost in points */
                                rewardPoints: number;
                            };
                            /** @description The audience seated at the start, all arms */
                            plannedMembers: number;
                            pointValueMinor: number | null;
                            sampleRatio: {
                                arms: {
                                    arm: string;
                                    expected: number;
                                    members: number;
                                }[];
                                chiSquared: number;
                                degreesOfFreedom: number;
                                /** @description The arms did not receive their configured shares (p < threshold) */
                                mismatch: boolean;
                                pValue: number;
                                summary: string;
                                threshold: number;
                            };
                            /** @description The campaign’s status now */
                            status: string;
                            window: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @description The end of the window measured so far
                                 */
                                measuredUntil: string;
                                /**
                                 * Format: date-time
                                 * @description Start of the pre-period (as long as the planned window, just before it) used by CUPED
                                 */
                                preStartsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused campaign
         * @description Resuming a running campaign answers it as it is.
         *
         *     Needs the `campaigns:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    campaignId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audience: {
                                segmentVersionId: string | null;
                            };
                            budget: {
                                points: number | null;
                                remainingPoints: number | null;
                                /** @description Points given so far (rewards at their cost in points) */
                                spentPoints: number;
                            };
                            completedAt: string | null;
                            config: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            createdAt: string;
                            description: string | null;
                            holdoutPercent: number;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            schedule: {
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-06-01T00:00:00Z
                                 */
                                startsAt: string;
                                windows: {
                                    /** @description Local days; absent: every day */
                                    days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
                                    /** @description Local start time, inclusive */
                                    from: string;
                                    /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                                    to: string;
                                }[];
                            };
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
                            stopReason: ("ended" | "budget_exhausted" | "cancelled") | null;
                            /**
                             * @description multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once per member; spend_threshold: points when spend in the window reaches a threshold
                             * @enum {unknown}
                             */
                            type: "multiplier" | "fixed_bonus" | "reward_grant" | "spend_threshold";
                            /**
                             * Format: date-time
                             * @example 2026-06-01T00:00:00Z
                             */
                            updatedAt: string;
                            variants: {
                                /** @description Overrides of the campaign’s config for this arm, e.g. { "percent": 300 } */
                                config?: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * @description Stored in campaign_members.variant
                                 * @example a
                                 */
                                key: string;
                                name?: string;
                                /**
                                 * @description Share of the members not held out; the arms add up to 100
                                 * @example 50
                                 */
                                percent: number;
                            }[];
                            /** @description The Temporal workflow that runs the campaign: campaign:<tenant>:<id> */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an event and credit (or, for a refund, take back) its points
         * @description Stores the event, evaluates the program’s rules and active campaigns, writes the ledger entries and the balance and re-evaluates the tier, in one transaction. A purchase or sign-up for an unknown `memberExternalId` enrols the member. A refund reverses its purchase’s points in proportion to the amount refunded.
         *
         *     Needs the `events:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example 7b1e0c5a-order-10293 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "externalId": "order-10293",
                     *       "type": "purchase",
                     *       "memberExternalId": "cust-8812",
                     *       "occurredAt": "2026-03-14T09:30:00Z",
                     *       "amountMinor": 1250,
                     *       "currency": "EUR",
                     *       "channel": "store",
                     *       "lineItems": [
                     *         {
                     *           "sku": "LATTE-L",
                     *           "category": "drinks",
                     *           "quantity": 2,
                     *           "unitAmountMinor": 450
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description Order total (or refunded amount) in minor units
                         * @example 1250
                         */
                        amountMinor?: number;
                        /**
                         * @description Free-form event data the rules may test
                         * @example {
                         *       "storeId": "paris-11"
                         *     }
                         */
                        attributes?: {
                            [key: string]: unknown;
                        };
                        /** @example store */
                        channel?: string;
                        /**
                         * @description ISO 4217 code
                         * @example EUR
                         */
                        currency?: string;
                        /** @example review.posted */
                        customType?: string;
                        /**
                         * @description The merchant's id for this event, unique per tenant: a second event with it is refused
                         * @example order-10293
                         */
                        externalId: string;
                        lineItems?: {
                            /** @example drinks */
                            category?: string;
                            /** @example 2 */
                            quantity: number;
                            /** @example LATTE-L */
                            sku: string;
                            /** @example 450 */
                            unitAmountMinor: number;
                        }[];
                        /**
                         * @description The member by the merchant’s id; a purchase or sign-up for an unknown id enrols the member
                         * @example cust-8812
                         */
                        memberExternalId?: string;
                        /** Format: uuid */
                        memberId?: string;
                        /**
                         * Format: date-time
                         * @example 2026-03-14T09:30:00Z
                         */
                        occurredAt: string;
                        /** @description Optional when the tenant has exactly one active program */
                        programId?: string;
                        /** @description For a refund: the id of the purchase it refunds */
                        refundOfEventId?: string;
                        /** @description For a refund: the external id of the purchase it refunds */
                        refundOfExternalId?: string;
                        /** @example purchase */
                        type: "purchase" | "refund" | "signup" | "custom";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balance: {
                                /** @example 125 */
                                available: number;
                                lifetimeEarned: number;
                                pending: number;
                            };
                            bonuses: {
                                /** Format: uuid */
                                campaignId: string;
                                points: number;
                            }[];
                            /** Format: uuid */
                            eventId: string;
                            /** @description When the points earned by this event expire */
                            expiresAt: string | null;
                            memberEnrolled: boolean;
                            /** Format: uuid */
                            memberId: string;
                            /**
                             * @description Points credited by this event (accrual and bonus)
                             * @example 25
                             */
                            pointsEarned: number;
                            /**
                             * @description For a refund: points taken back
                             * @example 0
                             */
                            pointsReversed: number;
                            /** Format: uuid */
                            programId: string;
                            rules: {
                                /** @description Points of this rule before the tier multiplier and the program cap */
                                points: number;
                                /** Format: uuid */
                                ruleId: string;
                                /** Format: uuid */
                                versionId: string;
                            }[];
                            /** @description For a refund: points that could not be taken back (spent) */
                            shortfallPoints: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events:batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record up to 1000 events, each on its own
         * @description Each event is checked and recorded on its own, in order, in its own transaction: an event that fails writes nothing, and its slot of the answer holds the status and problem it would have had alone (500 `internal` for an unexpected error, which leaves the other events as they are). The answer is 200 whatever the events did; a whole-request error (400 for the envelope, 413, 422 for a reused key) means nothing was written. Retrying with the same Idempotency-Key and body replays the events that succeeded and runs the failed ones again.
         *
         *     Needs the `events:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example 7b1e0c5a-order-10293 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: number;
                            items: {
                                index: number;
                                problem?: {
                                    detail: string;
                                    title: string;
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                result?: {
                                    balance: {
                                        /** @example 125 */
                                        available: number;
                                        lifetimeEarned: number;
                                        pending: number;
                                    };
                                    bonuses: {
                                        /** Format: uuid */
                                        campaignId: string;
                                        points: number;
                                    }[];
                                    /** Format: uuid */
                                    eventId: string;
                                    /** @description When the points earned by this event expire */
                                    expiresAt: string | null;
                                    memberEnrolled: boolean;
                                    /** Format: uuid */
                                    memberId: string;
                                    /**
                                     * @description Points credited by this event (accrual and bonus)
                                     * @example 25
                                     */
                                    pointsEarned: number;
                                    /**
                                     * @description For a refund: points taken back
                                     * @example 0
                                     */
                                    pointsReversed: number;
                                    /** Format: uuid */
                                    programId: string;
                                    rules: {
                                        /** @description Points of this rule before the tier multiplier and the program cap */
                                        points: number;
                                        /** Format: uuid */
                                        ruleId: string;
                                        /** Format: uuid */
                                        versionId: string;
                                    }[];
                                    /** @description For a refund: points that could not be taken back (spent) */
                                    shortfallPoints: number;
                                };
                                /**
                                 * @description The status this event would have had on its own: 201 with `result`, or an error status with `problem` (500 for an unexpected error); an event that failed wrote nothing
                                 * @example 201
                                 */
                                status: number;
                            }[];
                            succeeded: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's exports, newest first
         * @description Cursor-paged; each export as GET /v1/exports/{exportId} answers it: status, format, mart, size, who asked for it and when, and for a succeeded one a fresh signed download link.
         *
         *     Needs the `exports:create` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description Only the exports in this state */
                    status?: "queued" | "running" | "succeeded" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Newest first */
                            items: {
                                /** @description Bytes in the file so far */
                                bytesWritten: number;
                                columns: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Who asked for the export */
                                createdBy: {
                                    id: string;
                                    name: string | null;
                                    /** @enum {unknown} */
                                    type: "user" | "api_key";
                                };
                                download: {
                                    /** Format: date-time */
                                    expiresAt: string;
                                    /** @description Path of the file under the api, signed; send the usual credentials too */
                                    url: string;
                                } | null;
                                error: string | null;
                                filters: {
                                    /** Format: date */
                                    from: string;
                                    /** Format: date */
                                    to: string;
                                } | null;
                                finishedAt: string | null;
                                format: string;
                                /** Format: uuid */
                                id: string;
                                mart: string;
                                rowsTotal: number | null;
                                /** @description Rows in the file so far (Parquet: when done) */
                                rowsWritten: number;
                                segmentVersionId: string | null;
                                startedAt: string | null;
                                /** @enum {unknown} */
                                status: "queued" | "running" | "succeeded" | "failed";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Export a mart's rows of the tenant as CSV, Parquet or XLSX
         * @description Checks the mart, columns, format and range before any query (400), then that the mart is built (503 until dbt has built it), counts the rows (422 when XLSX cannot hold them) and answers 202: the file is written in the background. Follow it with GET /v1/exports/{exportId}. The same Idempotency-Key and body replay the first answer and start nothing.
         *
         *     Needs the `exports:create` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example 7b1e0c5a-order-10293 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Columns of the mart, in file order; every column in documented order when left out
                         * @example [
                         *       "member_id",
                         *       "rfm_segment",
                         *       "monetary_minor"
                         *     ]
                         */
                        columns?: string[];
                        /** @description A range of the mart's date column (marts that have one) */
                        filters?: {
                            /**
                             * Format: date
                             * @description First day (UTC) of the mart's date column, included
                             * @example 2026-01-01
                             */
                            from: string;
                            /**
                             * Format: date
                             * @description Last day (UTC), included
                             * @example 2026-03-31
                             */
                            to: string;
                        };
                        /**
                         * @description csv (ClickHouse CSVWithNames), parquet (ClickHouse Parquet, snappy) or xlsx (one sheet)
                         * @enum {unknown}
                         */
                        format: "csv" | "parquet" | "xlsx";
                        /**
                         * @description A mart of docs/metrics.md
                         * @enum {unknown}
                         */
                        mart: "cohort_retention" | "member_rfm" | "funnels" | "points_economy" | "program_roi" | "tier_distribution" | "tier_movements" | "member_features" | "member_360" | "member_campaigns" | "daily_activity" | "member_activity";
                        /** @description Only the rows of this segment's members (marts with a member_id column): a dynamic segment as the marts select it now, a static one as its snapshot */
                        segment?: {
                            /**
                             * Format: uuid
                             * @description A segment of the tenant
                             */
                            id: string;
                            /** @description A version; the current one by default */
                            version?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Bytes in the file so far */
                            bytesWritten: number;
                            columns: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Who asked for the export */
                            createdBy: {
                                id: string;
                                name: string | null;
                                /** @enum {unknown} */
                                type: "user" | "api_key";
                            };
                            download: {
                                /** Format: date-time */
                                expiresAt: string;
                                /** @description Path of the file under the api, signed; send the usual credentials too */
                                url: string;
                            } | null;
                            error: string | null;
                            filters: {
                                /** Format: date */
                                from: string;
                                /** Format: date */
                                to: string;
                            } | null;
                            finishedAt: string | null;
                            format: string;
                            /** Format: uuid */
                            id: string;
                            mart: string;
                            rowsTotal: number | null;
                            /** @description Rows in the file so far (Parquet: when done) */
                            rowsWritten: number;
                            segmentVersionId: string | null;
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "queued" | "running" | "succeeded" | "failed";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/{exportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Status and progress of an export, and its download link
         * @description Rows and bytes written so far; when it succeeded, a signed link to the file that expires (EXPORTS_LINK_TTL). Ask again for a fresh link.
         *
         *     Needs the `exports:create` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Bytes in the file so far */
                            bytesWritten: number;
                            columns: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Who asked for the export */
                            createdBy: {
                                id: string;
                                name: string | null;
                                /** @enum {unknown} */
                                type: "user" | "api_key";
                            };
                            download: {
                                /** Format: date-time */
                                expiresAt: string;
                                /** @description Path of the file under the api, signed; send the usual credentials too */
                                url: string;
                            } | null;
                            error: string | null;
                            filters: {
                                /** Format: date */
                                from: string;
                                /** Format: date */
                                to: string;
                            } | null;
                            finishedAt: string | null;
                            format: string;
                            /** Format: uuid */
                            id: string;
                            mart: string;
                            rowsTotal: number | null;
                            /** @description Rows in the file so far (Parquet: when done) */
                            rowsWritten: number;
                            segmentVersionId: string | null;
                            startedAt: string | null;
                            /** @enum {unknown} */
                            status: "queued" | "running" | "succeeded" | "failed";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/{exportId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an export's file
         * @description The link from GET /v1/exports/{exportId}, with the usual credentials of the same tenant. A wrong signature or an expired link answers 403; the file streams with its content type and a file name.
         *
         *     Needs the `exports:create` permission.
         */
        get: {
            parameters: {
                query: {
                    /** @description When the link expires, in seconds since the epoch */
                    expires: number;
                    /** @description HMAC-SHA256 of the link, base64url */
                    signature: string;
                };
                header?: never;
                path: {
                    exportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.apache.parquet": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/guest-purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List guest purchases
         * @description Newest first by `occurredAt`, with an optional date range (`from` inclusive, `to` exclusive).
         *
         *     Needs the `guest_purchases:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    customerRef?: string;
                    /** @description Purchases that occurred at or after this */
                    from?: string;
                    /** @description Items per page */
                    limit?: number;
                    programId?: string;
                    /** @description Purchases that occurred before this */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @example 1250 */
                                amountMinor: number;
                                /** @example store */
                                channel: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @example EUR */
                                currency: string;
                                /** @example cust-8812 */
                                customerRef: string | null;
                                /** @example order-20931 */
                                externalId: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                occurredAt: string;
                                /** Format: uuid */
                                programId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record an order of a customer who is not a member
         * @description Guest purchases earn no points: they give the analytics the revenue outside the program (revenue share, ROI against non-members) and, through `customerRef`, the spend of customers before they enrolled. Answers 201 when recorded, or 200 with the stored purchase when its `externalId` was recorded before.
         *
         *     Needs the `guest_purchases:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example 7b1e0c5a-order-10293 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "externalId": "order-20931",
                     *       "customerRef": "cust-8812",
                     *       "occurredAt": "2026-03-14T09:30:00Z",
                     *       "amountMinor": 1250,
                     *       "currency": "EUR",
                     *       "channel": "store"
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description Order total in minor units
                         * @example 1250
                         */
                        amountMinor: number;
                        /** @example store */
                        channel?: string;
                        /**
                         * @description ISO 4217 code
                         * @example EUR
                         */
                        currency: string;
                        /**
                         * @description The merchant's customer id, when known. When that customer enrols later with it as their external id, these orders become their pre-enrolment baseline in the ROI mart.
                         * @example cust-8812
                         */
                        customerRef?: string | null;
                        /**
                         * @description The merchant's order id, unique per tenant: sending it again returns the stored purchase
                         * @example order-20931
                         */
                        externalId: string;
                        /**
                         * Format: date-time
                         * @example 2026-03-14T09:30:00Z
                         */
                        occurredAt: string;
                        /** @description Optional when the tenant has exactly one active program */
                        programId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example 1250 */
                            amountMinor: number;
                            /** @example store */
                            channel: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @example EUR */
                            currency: string;
                            /** @example cust-8812 */
                            customerRef: string | null;
                            /** @example order-20931 */
                            externalId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** Format: uuid */
                            programId: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @example 1250 */
                            amountMinor: number;
                            /** @example store */
                            channel: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @example EUR */
                            currency: string;
                            /** @example cust-8812 */
                            customerRef: string | null;
                            /** @example order-20931 */
                            externalId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            occurredAt: string;
                            /** Format: uuid */
                            programId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/guest-purchases:batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record up to 1000 guest purchases
         * @description Each purchase is checked and stored on its own: one that fails writes nothing, and its slot of the answer holds the status and problem it would have had alone (500 `internal` for an unexpected error, which leaves the other purchases as they are). They are written together in one statement; should that fail unexpectedly, they are written one by one instead. The answer is 200 whatever the purchases did; a whole-request error (400 for the envelope, 413, 422 for a reused key) means nothing was written. Retrying with the same Idempotency-Key and body replays the purchases that succeeded and runs the failed ones again.
         *
         *     Needs the `guest_purchases:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example 7b1e0c5a-order-10293 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        purchases: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            failed: number;
                            items: {
                                index: number;
                                problem?: {
                                    detail: string;
                                    title: string;
                                    type: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                result?: {
                                    /** @example 1250 */
                                    amountMinor: number;
                                    /** @example store */
                                    channel: string | null;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** @example EUR */
                                    currency: string;
                                    /** @example cust-8812 */
                                    customerRef: string | null;
                                    /** @example order-20931 */
                                    externalId: string;
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: date-time */
                                    occurredAt: string;
                                    /** Format: uuid */
                                    programId: string;
                                };
                                /**
                                 * @description 201 recorded, 200 already recorded under its external id (both with `result`), or the error status this purchase would have had on its own, with `problem` (500 for an unexpected error); a purchase that failed wrote nothing
                                 * @example 201
                                 */
                                status: number;
                            }[];
                            /** @description Items recorded now or found already recorded */
                            succeeded: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's imports, newest first
         * @description Needs the `imports:write` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                createdAt: string;
                                dryRun: boolean;
                                error: string | null;
                                /** @description sha256 of the files, mapping and options: the same import has the same */
                                fileHash: string;
                                finishedAt: string | null;
                                id: string | null;
                                /** Format: uuid */
                                programId: string;
                                progress: {
                                    /** @description Events written so far */
                                    eventsDone: number;
                                    /** @description Events the import writes */
                                    eventsTotal: number;
                                    /** @description Members written so far (the cursor an interrupted import resumes from) */
                                    membersDone: number;
                                    /** @description Members the import writes */
                                    membersTotal: number;
                                };
                                sendWebhooks: boolean;
                                /** @description Rows left out (skipBadRows), the first 500 */
                                skipped: {
                                    column: string | null;
                                    /** @enum {unknown} */
                                    file: "members" | "orders";
                                    /** @description Line of the file (csv, ndjson) or row number (parquet), from 1 */
                                    line: number;
                                    message: string;
                                }[];
                                /** @description Rows left out in all */
                                skippedCount: number;
                                /** @enum {unknown} */
                                status: "dry_run" | "running" | "succeeded" | "failed";
                                /** @description What the import writes (or would write, for a dry run) */
                                summary: {
                                    events: {
                                        /** @description Purchases */
                                        purchases: number;
                                        /** @description Refunds */
                                        refunds: number;
                                    };
                                    liability: {
                                        /** @description The outstanding points' value in minor units, at the program's value per 1,000 points */
                                        amountMinor: number;
                                        currency: string;
                                    };
                                    members: {
                                        /** @description Members the import enrols, at their real enrolment date */
                                        created: number;
                                        /** @description Members already in Monet, without history, whose history the import writes */
                                        merged: number;
                                    };
                                    points: {
                                        /** @description Points expired before now */
                                        expired: number;
                                        /** @description Points credited (accruals and bonuses) */
                                        issued: number;
                                        /** @description Points the members hold now */
                                        outstanding: number;
                                        /** @description Points taken back by refunds */
                                        reversed: number;
                                        /** @description Points refunds could not take back (already spent) */
                                        shortfall: number;
                                    };
                                    /** @description Members in each tier at the end of their history */
                                    tiers: {
                                        /** @description Members in it now */
                                        members: number;
                                        name: string;
                                        /** Format: uuid */
                                        tierId: string;
                                    }[];
                                };
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Import a merchant's history: members and orders/refunds as CSV, NDJSON or Parquet
         * @description Reads the files (inline, or fetched from a public https URL) through the column mapping and checks every row before writing anything: bad rows answer 422 with their file, line and column, unless skipBadRows. dryRun answers 200 with what would be written (members, events, points issued, expired and outstanding, liability, tiers) and writes nothing. Otherwise the import is recorded and written in the background (202): members at their enrolment date, events, ledger entries dated when they took effect through the program's rules, lots, expiries and tier changes; follow it with GET /v1/imports/{importId}. The same files again answer the import as it stands (200), or resume it where it stopped when it was interrupted. No webhooks for historical entries unless sendWebhooks. See docs/import.md.
         *
         *     Needs the `imports:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example 7b1e0c5a-order-10293 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Report what the import would write, and write nothing */
                        dryRun?: boolean;
                        /** @description Column names for the fields; a field left out is read from the column of its own name */
                        mapping?: {
                            /** @description Members file: Monet's field → the file's column */
                            members?: {
                                /** @description A column of the file (a field's key) */
                                email?: string;
                                /** @description A column of the file (a field's key) */
                                enrolledAt?: string;
                                /** @description A column of the file (a field's key) */
                                externalId?: string;
                                /** @description A column of the file (a field's key) */
                                firstName?: string;
                                /** @description A column of the file (a field's key) */
                                lastName?: string;
                            };
                            /** @description Orders file: Monet's field → the file's column */
                            orders?: {
                                /** @description A column of the file (a field's key) */
                                amountMinor?: string;
                                /** @description A column of the file (a field's key) */
                                channel?: string;
                                /** @description A column of the file (a field's key) */
                                currency?: string;
                                /** @description A column of the file (a field's key) */
                                externalId?: string;
                                /** @description A column of the file (a field's key) */
                                memberExternalId?: string;
                                /** @description A column of the file (a field's key) */
                                occurredAt?: string;
                                /** @description A column of the file (a field's key) */
                                refundOf?: string;
                                /** @description A column of the file (a field's key) */
                                type?: string;
                            };
                        };
                        /** @description One file: its content or a URL, not both */
                        members?: {
                            /** @description The file itself: text for csv and ndjson, base64 for parquet (or when encoding is base64) */
                            content?: string;
                            /**
                             * @description How content is written; utf8 by default
                             * @enum {unknown}
                             */
                            encoding?: "utf8" | "base64";
                            /**
                             * @description csv (with a header row), ndjson (a JSON object a line) or parquet
                             * @enum {unknown}
                             */
                            format: "csv" | "ndjson" | "parquet";
                            /**
                             * Format: uri
                             * @description Where the api fetches the file instead: https to a public address, as for webhooks (loopback only under the development setting WEBHOOK_ALLOW_LOOPBACK); no redirects
                             */
                            url?: string;
                        };
                        /** @description One file: its content or a URL, not both */
                        orders?: {
                            /** @description The file itself: text for csv and ndjson, base64 for parquet (or when encoding is base64) */
                            content?: string;
                            /**
                             * @description How content is written; utf8 by default
                             * @enum {unknown}
                             */
                            encoding?: "utf8" | "base64";
                            /**
                             * @description csv (with a header row), ndjson (a JSON object a line) or parquet
                             * @enum {unknown}
                             */
                            format: "csv" | "ndjson" | "parquet";
                            /**
                             * Format: uri
                             * @description Where the api fetches the file instead: https to a public address, as for webhooks (loopback only under the development setting WEBHOOK_ALLOW_LOOPBACK); no redirects
                             */
                            url?: string;
                        };
                        /**
                         * Format: uuid
                         * @description The program; the tenant's only active one when left out
                         */
                        programId?: string;
                        /** @description Send webhooks for the historical entries too (off: history is written quietly) */
                        sendWebhooks?: boolean;
                        /** @description Leave malformed rows out (and report them) instead of refusing the import */
                        skipBadRows?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            dryRun: boolean;
                            error: string | null;
                            /** @description sha256 of the files, mapping and options: the same import has the same */
                            fileHash: string;
                            finishedAt: string | null;
                            id: string | null;
                            /** Format: uuid */
                            programId: string;
                            progress: {
                                /** @description Events written so far */
                                eventsDone: number;
                                /** @description Events the import writes */
                                eventsTotal: number;
                                /** @description Members written so far (the cursor an interrupted import resumes from) */
                                membersDone: number;
                                /** @description Members the import writes */
                                membersTotal: number;
                            };
                            sendWebhooks: boolean;
                            /** @description Rows left out (skipBadRows), the first 500 */
                            skipped: {
                                column: string | null;
                                /** @enum {unknown} */
                                file: "members" | "orders";
                                /** @description Line of the file (csv, ndjson) or row number (parquet), from 1 */
                                line: number;
                                message: string;
                            }[];
                            /** @description Rows left out in all */
                            skippedCount: number;
                            /** @enum {unknown} */
                            status: "dry_run" | "running" | "succeeded" | "failed";
                            /** @description What the import writes (or would write, for a dry run) */
                            summary: {
                                events: {
                                    /** @description Purchases */
                                    purchases: number;
                                    /** @description Refunds */
                                    refunds: number;
                                };
                                liability: {
                                    /** @description The outstanding points' value in minor units, at the program's value per 1,000 points */
                                    amountMinor: number;
                                    currency: string;
                                };
                                members: {
                                    /** @description Members the import enrols, at their real enrolment date */
                                    created: number;
                                    /** @description Members already in Monet, without history, whose history the import writes */
                                    merged: number;
                                };
                                points: {
                                    /** @description Points expired before now */
                                    expired: number;
                                    /** @description Points credited (accruals and bonuses) */
                                    issued: number;
                                    /** @description Points the members hold now */
                                    outstanding: number;
                                    /** @description Points taken back by refunds */
                                    reversed: number;
                                    /** @description Points refunds could not take back (already spent) */
                                    shortfall: number;
                                };
                                /** @description Members in each tier at the end of their history */
                                tiers: {
                                    /** @description Members in it now */
                                    members: number;
                                    name: string;
                                    /** Format: uuid */
                                    tierId: string;
                                }[];
                            };
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            dryRun: boolean;
                            error: string | null;
                            /** @description sha256 of the files, mapping and options: the same import has the same */
                            fileHash: string;
                            finishedAt: string | null;
                            id: string | null;
                            /** Format: uuid */
                            programId: string;
                            progress: {
                                /** @description Events written so far */
                                eventsDone: number;
                                /** @description Events the import writes */
                                eventsTotal: number;
                                /** @description Members written so far (the cursor an interrupted import resumes from) */
                                membersDone: number;
                                /** @description Members the import writes */
                                membersTotal: number;
                            };
                            sendWebhooks: boolean;
                            /** @description Rows left out (skipBadRows), the first 500 */
                            skipped: {
                                column: string | null;
                                /** @enum {unknown} */
                                file: "members" | "orders";
                                /** @description Line of the file (csv, ndjson) or row number (parquet), from 1 */
                                line: number;
                                message: string;
                            }[];
                            /** @description Rows left out in all */
                            skippedCount: number;
                            /** @enum {unknown} */
                            status: "dry_run" | "running" | "succeeded" | "failed";
                            /** @description What the import writes (or would write, for a dry run) */
                            summary: {
                                events: {
                                    /** @description Purchases */
                                    purchases: number;
                                    /** @description Refunds */
                                    refunds: number;
                                };
                                liability: {
                                    /** @description The outstanding points' value in minor units, at the program's value per 1,000 points */
                                    amountMinor: number;
                                    currency: string;
                                };
                                members: {
                                    /** @description Members the import enrols, at their real enrolment date */
                                    created: number;
                                    /** @description Members already in Monet, without history, whose history the import writes */
                                    merged: number;
                                };
                                points: {
                                    /** @description Points expired before now */
                                    expired: number;
                                    /** @description Points credited (accruals and bonuses) */
                                    issued: number;
                                    /** @description Points the members hold now */
                                    outstanding: number;
                                    /** @description Points taken back by refunds */
                                    reversed: number;
                                    /** @description Points refunds could not take back (already spent) */
                                    shortfall: number;
                                };
                                /** @description Members in each tier at the end of their history */
                                tiers: {
                                    /** @description Members in it now */
                                    members: number;
                                    name: string;
                                    /** Format: uuid */
                                    tierId: string;
                                }[];
                            };
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Status and progress of an import
         * @description Members and events written so far, the figures so far, rows left out, and why it failed if it did.
         *
         *     Needs the `imports:write` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    importId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            dryRun: boolean;
                            error: string | null;
                            /** @description sha256 of the files, mapping and options: the same import has the same */
                            fileHash: string;
                            finishedAt: string | null;
                            id: string | null;
                            /** Format: uuid */
                            programId: string;
                            progress: {
                                /** @description Events written so far */
                                eventsDone: number;
                                /** @description Events the import writes */
                                eventsTotal: number;
                                /** @description Members written so far (the cursor an interrupted import resumes from) */
                                membersDone: number;
                                /** @description Members the import writes */
                                membersTotal: number;
                            };
                            sendWebhooks: boolean;
                            /** @description Rows left out (skipBadRows), the first 500 */
                            skipped: {
                                column: string | null;
                                /** @enum {unknown} */
                                file: "members" | "orders";
                                /** @description Line of the file (csv, ndjson) or row number (parquet), from 1 */
                                line: number;
                                message: string;
                            }[];
                            /** @description Rows left out in all */
                            skippedCount: number;
                            /** @enum {unknown} */
                            status: "dry_run" | "running" | "succeeded" | "failed";
                            /** @description What the import writes (or would write, for a dry run) */
                            summary: {
                                events: {
                                    /** @description Purchases */
                                    purchases: number;
                                    /** @description Refunds */
                                    refunds: number;
                                };
                                liability: {
                                    /** @description The outstanding points' value in minor units, at the program's value per 1,000 points */
                                    amountMinor: number;
                                    currency: string;
                                };
                                members: {
                                    /** @description Members the import enrols, at their real enrolment date */
                                    created: number;
                                    /** @description Members already in Monet, without history, whose history the import writes */
                                    merged: number;
                                };
                                points: {
                                    /** @description Points expired before now */
                                    expired: number;
                                    /** @description Points credited (accruals and bonuses) */
                                    issued: number;
                                    /** @description Points the members hold now */
                                    outstanding: number;
                                    /** @description Points taken back by refunds */
                                    reversed: number;
                                    /** @description Points refunds could not take back (already spent) */
                                    shortfall: number;
                                };
                                /** @description Members in each tier at the end of their history */
                                tiers: {
                                    /** @description Members in it now */
                                    members: number;
                                    name: string;
                                    /** Format: uuid */
                                    tierId: string;
                                }[];
                            };
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description In enrolment order, oldest first. Filters combine with AND.
         *
         *     Needs the `members:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /**
                     * @description Attribute equality as `key:value`, repeatable (all must hold); `true`, `false` and numbers also match those JSON values
                     * @example [
                     *       "favouriteDrink:flat white"
                     *     ]
                     */
                    attribute?: string[];
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Enrolled at or after */
                    enrolledAfter?: string;
                    /** @description Enrolled strictly before */
                    enrolledBefore?: string;
                    /** @description Items per page */
                    limit?: number;
                    /**
                     * @description An email prefix (case-insensitive) or an exact external id
                     * @example ada@
                     */
                    q?: string;
                    status?: "active" | "erased";
                    /** @description Members with every one of these tags (repeatable) */
                    tag?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description Flat string, number or boolean values; at most 50 keys and 8192 bytes of JSON
                                 * @example {
                                 *       "favouriteDrink": "flat white",
                                 *       "newsletter": true
                                 *     }
                                 */
                                attributes: {
                                    [key: string]: string | number | boolean;
                                };
                                /**
                                 * Format: date
                                 * @example 1815-12-10
                                 */
                                birthDate: string | null;
                                /**
                                 * @example {
                                 *       "email": true,
                                 *       "sms": false,
                                 *       "push": false
                                 *     }
                                 */
                                consents: {
                                    email: boolean;
                                    push: boolean;
                                    sms: boolean;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * Format: email
                                 * @example ada@example.com
                                 */
                                email: string | null;
                                /** Format: date-time */
                                enrolledAt: string;
                                /** Format: date-time */
                                erasedAt: string | null;
                                /** @description Where the erasure stands; null for an active member */
                                erasure: {
                                    /**
                                     * Format: date-time
                                     * @description When the member was erased in Postgres
                                     */
                                    requestedAt: string;
                                    /**
                                     * Format: date-time
                                     * @description When the erasure reached the warehouse: earlier versions of the member’s rows deleted from ClickHouse, marts and export files cleaned; null while it is on its way
                                     */
                                    warehouseErasedAt: string | null;
                                } | null;
                                /** @example cust-1042 */
                                externalId: string;
                                /** @example Ada */
                                firstName: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @example Lovelace */
                                lastName: string | null;
                                /**
                                 * @description E.164
                                 * @example +442071234567
                                 */
                                phone: string | null;
                                /** @enum {unknown} */
                                status: "active" | "erased";
                                tags: string[];
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Enrol a member
         * @description externalId is unique per tenant, and so is email when present (stored lower-cased).
         *
         *     Needs the `members:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Flat string, number or boolean values; at most 50 keys and 8192 bytes of JSON
                         * @example {
                         *       "favouriteDrink": "flat white",
                         *       "newsletter": true
                         *     }
                         */
                        attributes?: {
                            [key: string]: string | number | boolean;
                        };
                        /**
                         * Format: date
                         * @example 1815-12-10
                         */
                        birthDate?: string | null;
                        consents?: {
                            email?: boolean;
                            push?: boolean;
                            sms?: boolean;
                        };
                        /**
                         * Format: email
                         * @example ada@example.com
                         */
                        email?: string | null;
                        /**
                         * Format: date-time
                         * @description When the customer joined, for members brought over from another platform: not in the future (a minute of clock skew is taken as now), not before 1900. Default: now
                         * @example 2023-05-14T10:00:00Z
                         */
                        enrolledAt?: string;
                        /**
                         * @description The merchant's own id for the customer; unique per tenant
                         * @example cust-1042
                         */
                        externalId: string;
                        /** @example Ada */
                        firstName?: string | null;
                        /** @example Lovelace */
                        lastName?: string | null;
                        /**
                         * @description E.164
                         * @example +442071234567
                         */
                        phone?: string | null;
                        /**
                         * @example [
                         *       "vip",
                         *       "student"
                         *     ]
                         */
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Flat string, number or boolean values; at most 50 keys and 8192 bytes of JSON
                             * @example {
                             *       "favouriteDrink": "flat white",
                             *       "newsletter": true
                             *     }
                             */
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            /**
                             * Format: date
                             * @example 1815-12-10
                             */
                            birthDate: string | null;
                            /**
                             * @example {
                             *       "email": true,
                             *       "sms": false,
                             *       "push": false
                             *     }
                             */
                            consents: {
                                email: boolean;
                                push: boolean;
                                sms: boolean;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: email
                             * @example ada@example.com
                             */
                            email: string | null;
                            /** Format: date-time */
                            enrolledAt: string;
                            /** Format: date-time */
                            erasedAt: string | null;
                            /** @description Where the erasure stands; null for an active member */
                            erasure: {
                                /**
                                 * Format: date-time
                                 * @description When the member was erased in Postgres
                                 */
                                requestedAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the erasure reached the warehouse: earlier versions of the member’s rows deleted from ClickHouse, marts and export files cleaned; null while it is on its way
                                 */
                                warehouseErasedAt: string | null;
                            } | null;
                            /** @example cust-1042 */
                            externalId: string;
                            /** @example Ada */
                            firstName: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @example Lovelace */
                            lastName: string | null;
                            /**
                             * @description E.164
                             * @example +442071234567
                             */
                            phone: string | null;
                            /** @enum {unknown} */
                            status: "active" | "erased";
                            tags: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a member
         * @description With `scores`: the member’s churn risk and predicted lifetime value of the tenant’s latest completed scoring run (daily, or `POST /v1/models/scoring-runs`); null until the member has been scored.
         *
         *     Needs the `members:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Flat string, number or boolean values; at most 50 keys and 8192 bytes of JSON
                             * @example {
                             *       "favouriteDrink": "flat white",
                             *       "newsletter": true
                             *     }
                             */
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            /**
                             * Format: date
                             * @example 1815-12-10
                             */
                            birthDate: string | null;
                            /**
                             * @example {
                             *       "email": true,
                             *       "sms": false,
                             *       "push": false
                             *     }
                             */
                            consents: {
                                email: boolean;
                                push: boolean;
                                sms: boolean;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: email
                             * @example ada@example.com
                             */
                            email: string | null;
                            /** Format: date-time */
                            enrolledAt: string;
                            /** Format: date-time */
                            erasedAt: string | null;
                            /** @description Where the erasure stands; null for an active member */
                            erasure: {
                                /**
                                 * Format: date-time
                                 * @description When the member was erased in Postgres
                                 */
                                requestedAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the erasure reached the warehouse: earlier versions of the member’s rows deleted from ClickHouse, marts and export files cleaned; null while it is on its way
                                 */
                                warehouseErasedAt: string | null;
                            } | null;
                            /** @example cust-1042 */
                            externalId: string;
                            /** @example Ada */
                            firstName: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @example Lovelace */
                            lastName: string | null;
                            /**
                             * @description E.164
                             * @example +442071234567
                             */
                            phone: string | null;
                            /** @description The member’s scores of the tenant’s latest completed scoring run; null until the member is scored */
                            scores: {
                                /** @description The date of the features the scores were computed from */
                                asOfDate: string;
                                churnHorizonDays: number;
                                /** @example 20261206T201206Z */
                                churnModelVersion: string;
                                /** @description P(no purchase in churnHorizonDays after asOfDate) */
                                churnProbability: number;
                                /** @description low below 0.3, medium from 0.3 to below 0.6, high from 0.6 */
                                churnRiskBand: "low" | "medium" | "high";
                                clvHorizonDays: number;
                                /** @example 20261206T201206Z */
                                clvModelVersion: string;
                                /** @description The tenant’s currency; null if unset */
                                currency: string | null;
                                /** @description Expected purchase days over clvHorizonDays */
                                expectedPurchases: number;
                                /** @description Predicted net revenue over clvHorizonDays after asOfDate, in minor units of currency */
                                predictedClvMinor: number;
                                /** @description P(the member has not left for good), BG/NBD */
                                probabilityAlive: number;
                                /** Format: uuid */
                                runId: string;
                                /** Format: date-time */
                                scoredAt: string;
                            } | null;
                            /** @enum {unknown} */
                            status: "active" | "erased";
                            tags: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a member
         * @description Needs the `members:write` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            /** @description Only the fields present change; null clears a profile field. `attributes` and `consents` merge key by key (an attribute set to null is removed). `tags` is either the full new list or `{add, remove}`. */
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "favouriteDrink": "espresso",
                         *       "newsletter": null
                         *     }
                         */
                        attributes?: {
                            [key: string]: string | number | boolean | null;
                        };
                        /**
                         * Format: date
                         * @example 1815-12-10
                         */
                        birthDate?: string | null;
                        consents?: {
                            email?: boolean;
                            push?: boolean;
                            sms?: boolean;
                        };
                        /**
                         * Format: email
                         * @example ada@example.com
                         */
                        email?: string | null;
                        /** @example Ada */
                        firstName?: string | null;
                        /** @example Lovelace */
                        lastName?: string | null;
                        /**
                         * @description E.164
                         * @example +442071234567
                         */
                        phone?: string | null;
                        tags?: string[] | {
                            /**
                             * @example [
                             *       "vip",
                             *       "student"
                             *     ]
                             */
                            add?: string[];
                            /**
                             * @example [
                             *       "vip",
                             *       "student"
                             *     ]
                             */
                            remove?: string[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Flat string, number or boolean values; at most 50 keys and 8192 bytes of JSON
                             * @example {
                             *       "favouriteDrink": "flat white",
                             *       "newsletter": true
                             *     }
                             */
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            /**
                             * Format: date
                             * @example 1815-12-10
                             */
                            birthDate: string | null;
                            /**
                             * @example {
                             *       "email": true,
                             *       "sms": false,
                             *       "push": false
                             *     }
                             */
                            consents: {
                                email: boolean;
                                push: boolean;
                                sms: boolean;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: email
                             * @example ada@example.com
                             */
                            email: string | null;
                            /** Format: date-time */
                            enrolledAt: string;
                            /** Format: date-time */
                            erasedAt: string | null;
                            /** @description Where the erasure stands; null for an active member */
                            erasure: {
                                /**
                                 * Format: date-time
                                 * @description When the member was erased in Postgres
                                 */
                                requestedAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the erasure reached the warehouse: earlier versions of the member’s rows deleted from ClickHouse, marts and export files cleaned; null while it is on its way
                                 */
                                warehouseErasedAt: string | null;
                            } | null;
                            /** @example cust-1042 */
                            externalId: string;
                            /** @example Ada */
                            firstName: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @example Lovelace */
                            lastName: string | null;
                            /**
                             * @description E.164
                             * @example +442071234567
                             */
                            phone: string | null;
                            /** @enum {unknown} */
                            status: "active" | "erased";
                            tags: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/members/{memberId}/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adjust a member’s points by hand, with a reason
         * @description Audited with the balance before and after. A debit beyond the available balance is refused (422).
         *
         *     Needs the `ledger:adjust` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example 7b1e0c5a-order-10293 */
                    "idempotency-key": string;
                };
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Signed: positive credits, negative debits (never beyond the available balance)
                         * @example 500
                         */
                        points: number;
                        /** @description Optional when the tenant has exactly one active program */
                        programId?: string;
                        /** @example Goodwill: delayed delivery */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balance: {
                                /** @example 1250 */
                                available: number;
                                /** @example 150 */
                                expired: number;
                                /** @example 3400 */
                                lifetimeEarned: number;
                                /**
                                 * @description Held by reserved redemptions (already out of available)
                                 * @example 0
                                 */
                                pending: number;
                                /** Format: uuid */
                                programId: string;
                                /** @example 2000 */
                                redeemed: number;
                                tierId: string | null;
                                tierSince: string | null;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            entry: {
                                actorId: string | null;
                                campaignId: string | null;
                                /**
                                 * Format: date-time
                                 * @description When the entry was recorded
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the entry took effect (the purchase’s time for an accrual, the lot’s expiry for an expiry)
                                 */
                                effectiveAt: string;
                                eventId: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: "accrual" | "bonus" | "redemption" | "reversal" | "expiry" | "adjustment";
                                /**
                                 * @description Signed: credits positive, debits negative
                                 * @example 25
                                 */
                                points: number;
                                /** Format: uuid */
                                programId: string;
                                reason: string | null;
                                redemptionId: string | null;
                                ruleVersionIds: string[];
                                /**
                                 * @description Position in the member’s ledger for the program
                                 * @example 12
                                 */
                                seq: number;
                                /** @description Points a refund could not take back because they were spent */
                                shortfallPoints: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{memberId}/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's balance in each program
         * @description Needs the `ledger:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @example 1250 */
                                available: number;
                                /** @example 150 */
                                expired: number;
                                /** @example 3400 */
                                lifetimeEarned: number;
                                /**
                                 * @description Held by reserved redemptions (already out of available)
                                 * @example 0
                                 */
                                pending: number;
                                /** Format: uuid */
                                programId: string;
                                /** @example 2000 */
                                redeemed: number;
                                tierId: string | null;
                                tierSince: string | null;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{memberId}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a member
         * @description Removes the personal data (profile, attributes, tags, consents, event attributes, adjustment reasons, guest orders filed under the external id) and replaces externalId with `erased:<member id>`; ledger amounts stay so totals stay true. Then deletes the earlier versions from the warehouse in the background: `erasure.warehouseErasedAt` says when that is done. Idempotent. An erased member can no longer earn, redeem or be changed.
         *
         *     Needs the `members:erase` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Flat string, number or boolean values; at most 50 keys and 8192 bytes of JSON
                             * @example {
                             *       "favouriteDrink": "flat white",
                             *       "newsletter": true
                             *     }
                             */
                            attributes: {
                                [key: string]: string | number | boolean;
                            };
                            /**
                             * Format: date
                             * @example 1815-12-10
                             */
                            birthDate: string | null;
                            /**
                             * @example {
                             *       "email": true,
                             *       "sms": false,
                             *       "push": false
                             *     }
                             */
                            consents: {
                                email: boolean;
                                push: boolean;
                                sms: boolean;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: email
                             * @example ada@example.com
                             */
                            email: string | null;
                            /** Format: date-time */
                            enrolledAt: string;
                            /** Format: date-time */
                            erasedAt: string | null;
                            /** @description Where the erasure stands; null for an active member */
                            erasure: {
                                /**
                                 * Format: date-time
                                 * @description When the member was erased in Postgres
                                 */
                                requestedAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the erasure reached the warehouse: earlier versions of the member’s rows deleted from ClickHouse, marts and export files cleaned; null while it is on its way
                                 */
                                warehouseErasedAt: string | null;
                            } | null;
                            /** @example cust-1042 */
                            externalId: string;
                            /** @example Ada */
                            firstName: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @example Lovelace */
                            lastName: string | null;
                            /**
                             * @description E.164
                             * @example +442071234567
                             */
                            phone: string | null;
                            /** @enum {unknown} */
                            status: "active" | "erased";
                            tags: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{memberId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a member's data
         * @description Every piece of data Monet holds on the member, as one JSON document: profile, balances, ledger, point lots, events, redemptions and tier history.
         *
         *     Needs the `members:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every piece of data Monet holds on the member (privacy export) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                [key: string]: unknown;
                            }[];
                            events: {
                                [key: string]: unknown;
                            }[];
                            /** Format: date-time */
                            exportedAt: string;
                            ledger: {
                                [key: string]: unknown;
                            }[];
                            pointLots: {
                                [key: string]: unknown;
                            }[];
                            profile: {
                                /**
                                 * @description Flat string, number or boolean values; at most 50 keys and 8192 bytes of JSON
                                 * @example {
                                 *       "favouriteDrink": "flat white",
                                 *       "newsletter": true
                                 *     }
                                 */
                                attributes: {
                                    [key: string]: string | number | boolean;
                                };
                                /**
                                 * Format: date
                                 * @example 1815-12-10
                                 */
                                birthDate: string | null;
                                /**
                                 * @example {
                                 *       "email": true,
                                 *       "sms": false,
                                 *       "push": false
                                 *     }
                                 */
                                consents: {
                                    email: boolean;
                                    push: boolean;
                                    sms: boolean;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * Format: email
                                 * @example ada@example.com
                                 */
                                email: string | null;
                                /** Format: date-time */
                                enrolledAt: string;
                                /** Format: date-time */
                                erasedAt: string | null;
                                /** @description Where the erasure stands; null for an active member */
                                erasure: {
                                    /**
                                     * Format: date-time
                                     * @description When the member was erased in Postgres
                                     */
                                    requestedAt: string;
                                    /**
                                     * Format: date-time
                                     * @description When the erasure reached the warehouse: earlier versions of the member’s rows deleted from ClickHouse, marts and export files cleaned; null while it is on its way
                                     */
                                    warehouseErasedAt: string | null;
                                } | null;
                                /** @example cust-1042 */
                                externalId: string;
                                /** @example Ada */
                                firstName: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @example Lovelace */
                                lastName: string | null;
                                /**
                                 * @description E.164
                                 * @example +442071234567
                                 */
                                phone: string | null;
                                /** @enum {unknown} */
                                status: "active" | "erased";
                                tags: string[];
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            redemptions: {
                                [key: string]: unknown;
                            }[];
                            tierChanges: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{memberId}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's ledger entries, newest first
         * @description Needs the `ledger:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description Only this program */
                    programId?: string;
                };
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Newest first */
                            items: {
                                actorId: string | null;
                                campaignId: string | null;
                                /**
                                 * Format: date-time
                                 * @description When the entry was recorded
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the entry took effect (the purchase’s time for an accrual, the lot’s expiry for an expiry)
                                 */
                                effectiveAt: string;
                                eventId: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: "accrual" | "bonus" | "redemption" | "reversal" | "expiry" | "adjustment";
                                /**
                                 * @description Signed: credits positive, debits negative
                                 * @example 25
                                 */
                                points: number;
                                /** Format: uuid */
                                programId: string;
                                reason: string | null;
                                redemptionId: string | null;
                                ruleVersionIds: string[];
                                /**
                                 * @description Position in the member’s ledger for the program
                                 * @example 12
                                 */
                                seq: number;
                                /** @description Points a refund could not take back because they were spent */
                                shortfallPoints: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{memberId}/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's redemptions, newest first
         * @description Needs the `rewards:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    status?: "reserved" | "fulfilled" | "cancelled" | "expired";
                };
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description When it was cancelled or expired */
                                cancelledAt: string | null;
                                /**
                                 * @description The voucher or generated code, once fulfilled
                                 * @example RDM-7K2M9QX4TB3A
                                 */
                                code: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                fulfilledAt: string | null;
                                /** Format: date-time */
                                holdExpiresAt: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                memberId: string;
                                /** @description Points held, then spent (fulfilled) or given back (cancelled, expired) */
                                points: number;
                                /** Format: uuid */
                                programId: string;
                                /** Format: uuid */
                                rewardId: string;
                                status: "reserved" | "fulfilled" | "cancelled" | "expired";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{memberId}/tier-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's tier moves, newest first
         * @description Needs the `members:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description Only this program */
                    programId?: string;
                };
                header?: never;
                path: {
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description When the move was recorded
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description When the move took effect: the time of the ledger entry that caused it
                                 */
                                effectiveAt: string;
                                fromTierId: string | null;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                programId: string;
                                /**
                                 * @description `upgrade` or `downgrade`
                                 * @example upgrade
                                 */
                                reason: string;
                                toTierId: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the churn and lifetime-value models with their cards and realised quality
         * @description Every version the tenant can be scored with, newest first: its own (trained on its history with `npm run ml:train`) and the ones shipped with Monet, the current one marked. A churn version carries its model card (training data, validation metrics beside the logistic baseline, calibration, features) and its realised quality: each of the tenant’s scoring runs with it whose horizon has passed, judged on what members did (marts.model_quality, model_calibration). A lifetime-value version carries its BG/NBD and Gamma-Gamma parameters. 503 when the warehouse does not answer or the marts are not built.
         *
         *     Needs the `models:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The tenant’s own versions and the shipped ones, newest first */
                            churn: {
                                algorithm: string;
                                /** @description none, platt or isotonic */
                                calibration: string;
                                /** @description The version the tenant’s next scoring run uses */
                                current: boolean;
                                data: {
                                    hash: string;
                                    /** Format: date */
                                    martAsOfDate: string;
                                    source: string;
                                    trainAsOfDates: string[];
                                    trainRows: number;
                                    /** Format: date */
                                    validationAsOfDate: string;
                                    validationRows: number;
                                };
                                features: {
                                    /**
                                     * @description nan: NULL goes in as NaN; refuse: the row is not scored
                                     * @enum {unknown}
                                     */
                                    missing: "nan" | "refuse";
                                    name: string;
                                    nullable: boolean;
                                    /** @description ClickHouse type in the source mart */
                                    type: string;
                                }[];
                                horizonDays: number;
                                hyperparameters: {
                                    [key: string]: number;
                                };
                                label: string;
                                libraries: {
                                    [key: string]: string;
                                };
                                /** @description Newest as-of date first */
                                realisedQuality: {
                                    /** @description Σ their net revenue over the lifetime-value horizon; null until it has passed */
                                    actualRevenueMinor: number | null;
                                    /** Format: date */
                                    asOfDate: string;
                                    brierScore: number;
                                    calibration: {
                                        /** @description The tenth of probability: bin k holds [k/10, (k+1)/10) */
                                        bin: number;
                                        churnRate: number;
                                        meanChurnProbability: number;
                                        members: number;
                                    }[];
                                    churnedMembers: number;
                                    churnRate: number;
                                    clvHorizonDays: number;
                                    meanChurnProbability: number;
                                    /** @description Members of the run that are judged */
                                    members: number;
                                    /** @description Σ predicted lifetime value of the judged members */
                                    predictedRevenueMinor: number;
                                    /** @description Null when all churned or none did */
                                    rocAuc: number | null;
                                    /** Format: uuid */
                                    runId: string;
                                    topDecileLift: number | null;
                                }[];
                                /**
                                 * @description `tenant`: trained on the tenant’s own history; `default`: shipped with Monet (trained on the demo)
                                 * @enum {unknown}
                                 */
                                source: "tenant" | "default";
                                /** Format: date-time */
                                trainedAt: string;
                                trainingSeconds: number;
                                /** @description At training: the chosen model and the logistic baseline on the validation snapshot */
                                validation: {
                                    baseline: {
                                        brier: number;
                                        churnRate: number;
                                        meanPredicted: number;
                                        members: number;
                                        prAuc: number | null;
                                        rocAuc: number | null;
                                        topDecileLift: number | null;
                                    };
                                    calibration: {
                                        bin: number;
                                        meanPredicted: number | null;
                                        members: number;
                                        observedRate: number | null;
                                    }[];
                                    chosen: {
                                        brier: number;
                                        churnRate: number;
                                        meanPredicted: number;
                                        members: number;
                                        prAuc: number | null;
                                        rocAuc: number | null;
                                        topDecileLift: number | null;
                                    };
                                };
                                /** @example 20261206T201206Z */
                                version: string;
                            }[];
                            /** @description Lifetime-value parameters, newest first */
                            clv: {
                                /** Format: date */
                                asOfDate: string;
                                bgnbd: {
                                    converged: boolean;
                                    distinctRows: number;
                                    iterations: number;
                                    logLikelihood: number;
                                    members: number;
                                    params: {
                                        a: number;
                                        alpha: number;
                                        b: number;
                                        r: number;
                                    };
                                    seconds: number;
                                    standardErrors: {
                                        [key: string]: number | null;
                                    };
                                };
                                /** @description The version the tenant’s next scoring run uses */
                                current: boolean;
                                gammaGamma: {
                                    converged: boolean;
                                    distinctRows: number;
                                    iterations: number;
                                    logLikelihood: number;
                                    members: number;
                                    params: {
                                        p: number;
                                        q: number;
                                        v: number;
                                    };
                                    seconds: number;
                                    standardErrors: {
                                        [key: string]: number | null;
                                    };
                                };
                                libraries: {
                                    [key: string]: string;
                                };
                                /**
                                 * @description `tenant`: trained on the tenant’s own history; `default`: shipped with Monet (trained on the demo)
                                 * @enum {unknown}
                                 */
                                source: "tenant" | "default";
                                /** @example 20261206T201206Z */
                                version: string;
                            }[];
                            /** @description Days ahead predicted lifetime value covers */
                            clvHorizonDays: number;
                            /** @description Cut-offs: low below medium, medium from medium to below high, high from high */
                            riskBands: {
                                high: number;
                                medium: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/scoring-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Score the tenant’s members now
         * @description Starts a churn-scoring run of the tenant on the worker (the schedule runs one daily): churn risk and lifetime value of every member at the marts’ as-of date, with the current models, then the scores on members in Postgres. Requires an Idempotency-Key: the same key answers the same run (Idempotent-Replayed: true), whether it is still running or finished. 503 when Temporal does not answer.
         *
         *     Needs the `models:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example rescore-2026-12-06 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            status: "started" | "already-started";
                            /** @example churn-scoring:6f1c…:rescore-2026-12-06 */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List programs
         * @description Needs the `programs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * @description ISO 4217 code
                                 * @example EUR
                                 */
                                earningCurrency: string;
                                /** @default never */
                                expiryPolicy: "never" | "days_after_earning" | "end_of_month_after_months" | "end_of_year_after_months";
                                /** @description Days or months for the expiry policy; null for never */
                                expiryValue: number | null;
                                /** Format: uuid */
                                id: string;
                                maxPointsPerEvent: number | null;
                                /** @default 0 */
                                minRedemption: number;
                                /** @description What 1,000 points are worth, in minor units of the earning currency */
                                moneyValuePer1000Points: number;
                                /** @example Café Rewards */
                                name: string;
                                /** @example Beans */
                                pointsName: string;
                                /** @default floor */
                                rounding: "floor" | "round" | "ceil";
                                status: "active" | "archived";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a program
         * @description Needs the `programs:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description ISO 4217 code
                         * @example EUR
                         */
                        earningCurrency: string;
                        /** @default never */
                        expiryPolicy?: "never" | "days_after_earning" | "end_of_month_after_months" | "end_of_year_after_months";
                        /** @description Days or months for the expiry policy; null for never */
                        expiryValue?: number | null;
                        maxPointsPerEvent?: number | null;
                        /** @default 0 */
                        minRedemption?: number;
                        /** @description What 1,000 points are worth, in minor units of the earning currency */
                        moneyValuePer1000Points?: number;
                        /** @example Café Rewards */
                        name: string;
                        /** @example Beans */
                        pointsName: string;
                        /** @default floor */
                        rounding?: "floor" | "round" | "ceil";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * @description ISO 4217 code
                             * @example EUR
                             */
                            earningCurrency: string;
                            /** @default never */
                            expiryPolicy: "never" | "days_after_earning" | "end_of_month_after_months" | "end_of_year_after_months";
                            /** @description Days or months for the expiry policy; null for never */
                            expiryValue: number | null;
                            /** Format: uuid */
                            id: string;
                            maxPointsPerEvent: number | null;
                            /** @default 0 */
                            minRedemption: number;
                            /** @description What 1,000 points are worth, in minor units of the earning currency */
                            moneyValuePer1000Points: number;
                            /** @example Café Rewards */
                            name: string;
                            /** @example Beans */
                            pointsName: string;
                            /** @default floor */
                            rounding: "floor" | "round" | "ceil";
                            status: "active" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a program
         * @description Needs the `programs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * @description ISO 4217 code
                             * @example EUR
                             */
                            earningCurrency: string;
                            /** @default never */
                            expiryPolicy: "never" | "days_after_earning" | "end_of_month_after_months" | "end_of_year_after_months";
                            /** @description Days or months for the expiry policy; null for never */
                            expiryValue: number | null;
                            /** Format: uuid */
                            id: string;
                            maxPointsPerEvent: number | null;
                            /** @default 0 */
                            minRedemption: number;
                            /** @description What 1,000 points are worth, in minor units of the earning currency */
                            moneyValuePer1000Points: number;
                            /** @example Café Rewards */
                            name: string;
                            /** @example Beans */
                            pointsName: string;
                            /** @default floor */
                            rounding: "floor" | "round" | "ceil";
                            status: "active" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a program
         * @description Needs the `programs:write` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description ISO 4217 code
                         * @example EUR
                         */
                        earningCurrency?: string;
                        /** @default never */
                        expiryPolicy?: "never" | "days_after_earning" | "end_of_month_after_months" | "end_of_year_after_months";
                        /** @description Days or months for the expiry policy; null for never */
                        expiryValue?: number | null;
                        maxPointsPerEvent?: number | null;
                        /** @default 0 */
                        minRedemption?: number;
                        /** @description What 1,000 points are worth, in minor units of the earning currency */
                        moneyValuePer1000Points?: number;
                        /** @example Café Rewards */
                        name?: string;
                        /** @example Beans */
                        pointsName?: string;
                        /** @default floor */
                        rounding?: "floor" | "round" | "ceil";
                        status?: "active" | "archived";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * @description ISO 4217 code
                             * @example EUR
                             */
                            earningCurrency: string;
                            /** @default never */
                            expiryPolicy: "never" | "days_after_earning" | "end_of_month_after_months" | "end_of_year_after_months";
                            /** @description Days or months for the expiry policy; null for never */
                            expiryValue: number | null;
                            /** Format: uuid */
                            id: string;
                            maxPointsPerEvent: number | null;
                            /** @default 0 */
                            minRedemption: number;
                            /** @description What 1,000 points are worth, in minor units of the earning currency */
                            moneyValuePer1000Points: number;
                            /** @example Café Rewards */
                            name: string;
                            /** @example Beans */
                            pointsName: string;
                            /** @default floor */
                            rounding: "floor" | "round" | "ceil";
                            status: "active" | "archived";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/programs/{programId}/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a program's rewards
         * @description Needs the `rewards:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    status?: "active" | "archived";
                };
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                availableFrom: string | null;
                                availableTo: string | null;
                                costMinor: number;
                                costPoints: number;
                                /**
                                 * Format: date-time
                                 * @example 2026-01-01T00:00:00Z
                                 */
                                createdAt: string;
                                /**
                                 * @description ISO 4217 code
                                 * @example EUR
                                 */
                                currency: string;
                                description: string | null;
                                discountAmountMinor: number | null;
                                discountPercent: number | null;
                                /** Format: uuid */
                                id: string;
                                inventory: number | null;
                                /**
                                 * @description What the member gets
                                 * @example discount_amount
                                 */
                                kind: "discount_amount" | "discount_percent" | "free_item" | "voucher" | "custom";
                                name: string;
                                perMemberLimit: number | null;
                                /** Format: uuid */
                                programId: string;
                                sku: string | null;
                                status: "active" | "archived";
                                tierIds: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-01-01T00:00:00Z
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a reward to the catalog
         * @description Needs the `rewards:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "€5 off",
                     *       "kind": "discount_amount",
                     *       "costPoints": 500,
                     *       "discountAmountMinor": 500,
                     *       "currency": "EUR"
                     *     }
                     */
                    "application/json": {
                        availableFrom?: string | null;
                        availableTo?: string | null;
                        /**
                         * @description What one unit costs the merchant, in minor units of the program's earning currency (for ROI)
                         * @example 250
                         */
                        costMinor?: number;
                        /** @example 500 */
                        costPoints: number;
                        /** @description ISO 4217; must be the program's earning currency (required for discount_amount) */
                        currency?: string | null;
                        description?: string | null;
                        discountAmountMinor?: number | null;
                        discountPercent?: number | null;
                        inventory?: number | null;
                        /**
                         * @description What the member gets
                         * @example discount_amount
                         */
                        kind: "discount_amount" | "discount_percent" | "free_item" | "voucher" | "custom";
                        /** @example €5 off */
                        name: string;
                        perMemberLimit?: number | null;
                        sku?: string | null;
                        /** @description Only members in these tiers of the program may redeem; empty is everyone */
                        tierIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            availableFrom: string | null;
                            availableTo: string | null;
                            costMinor: number;
                            costPoints: number;
                            /**
                             * Format: date-time
                             * @example 2026-01-01T00:00:00Z
                             */
                            createdAt: string;
                            /**
                             * @description ISO 4217 code
                             * @example EUR
                             */
                            currency: string;
                            description: string | null;
                            discountAmountMinor: number | null;
                            discountPercent: number | null;
                            /** Format: uuid */
                            id: string;
                            inventory: number | null;
                            /**
                             * @description What the member gets
                             * @example discount_amount
                             */
                            kind: "discount_amount" | "discount_percent" | "free_item" | "voucher" | "custom";
                            name: string;
                            perMemberLimit: number | null;
                            /** Format: uuid */
                            programId: string;
                            sku: string | null;
                            status: "active" | "archived";
                            tierIds: string[];
                            /**
                             * Format: date-time
                             * @example 2026-01-01T00:00:00Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/rewards/{rewardId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a reward
         * @description Needs the `rewards:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                    rewardId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            availableFrom: string | null;
                            availableTo: string | null;
                            costMinor: number;
                            costPoints: number;
                            /**
                             * Format: date-time
                             * @example 2026-01-01T00:00:00Z
                             */
                            createdAt: string;
                            /**
                             * @description ISO 4217 code
                             * @example EUR
                             */
                            currency: string;
                            description: string | null;
                            discountAmountMinor: number | null;
                            discountPercent: number | null;
                            /** Format: uuid */
                            id: string;
                            inventory: number | null;
                            /**
                             * @description What the member gets
                             * @example discount_amount
                             */
                            kind: "discount_amount" | "discount_percent" | "free_item" | "voucher" | "custom";
                            name: string;
                            perMemberLimit: number | null;
                            /** Format: uuid */
                            programId: string;
                            sku: string | null;
                            status: "active" | "archived";
                            tierIds: string[];
                            /**
                             * Format: date-time
                             * @example 2026-01-01T00:00:00Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a reward (its kind is fixed; archive it with status)
         * @description Needs the `rewards:write` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                    rewardId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        availableFrom?: string | null;
                        availableTo?: string | null;
                        /**
                         * @description What one unit costs the merchant, in minor units of the program's earning currency (for ROI)
                         * @example 250
                         */
                        costMinor?: number;
                        /** @example 500 */
                        costPoints?: number;
                        /** @description ISO 4217; must be the program's earning currency (required for discount_amount) */
                        currency?: string | null;
                        description?: string | null;
                        discountAmountMinor?: number | null;
                        discountPercent?: number | null;
                        inventory?: number | null;
                        /** @example €5 off */
                        name?: string;
                        perMemberLimit?: number | null;
                        sku?: string | null;
                        status?: "active" | "archived";
                        /** @description Only members in these tiers of the program may redeem; empty is everyone */
                        tierIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            availableFrom: string | null;
                            availableTo: string | null;
                            costMinor: number;
                            costPoints: number;
                            /**
                             * Format: date-time
                             * @example 2026-01-01T00:00:00Z
                             */
                            createdAt: string;
                            /**
                             * @description ISO 4217 code
                             * @example EUR
                             */
                            currency: string;
                            description: string | null;
                            discountAmountMinor: number | null;
                            discountPercent: number | null;
                            /** Format: uuid */
                            id: string;
                            inventory: number | null;
                            /**
                             * @description What the member gets
                             * @example discount_amount
                             */
                            kind: "discount_amount" | "discount_percent" | "free_item" | "voucher" | "custom";
                            name: string;
                            perMemberLimit: number | null;
                            /** Format: uuid */
                            programId: string;
                            sku: string | null;
                            status: "active" | "archived";
                            tierIds: string[];
                            /**
                             * Format: date-time
                             * @example 2026-01-01T00:00:00Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/programs/{programId}/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a program's rules, each with its latest version
         * @description Needs the `programs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Also list archived rules */
                    includeArchived?: boolean;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                archivedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The version in force; null while disabled */
                                currentVersion: number | null;
                                /** Format: uuid */
                                id: string;
                                latestVersion: number;
                                /** Format: uuid */
                                programId: string;
                                /** @description active: its current version is in force; disabled: no version is; archived: deleted, history kept */
                                status: "active" | "disabled" | "archived";
                                /** @description The version asked for; by default the current one, or the latest while disabled or archived */
                                version: {
                                    activeFrom: string | null;
                                    activeTo: string | null;
                                    conditions: components["schemas"]["def-0"];
                                    /** Format: date-time */
                                    createdAt: string;
                                    createdBy: string | null;
                                    effects: ({
                                        /** @description Points for each unit of the amount in the earning currency */
                                        pointsPerUnit: {
                                            points: number;
                                            /** @description e.g. 100 for 1.00 */
                                            unitMinor: number;
                                        };
                                    } | {
                                        fixedPoints: {
                                            points: number;
                                        };
                                    } | {
                                        /** @description Scales the points earned so far in this evaluation */
                                        multiplier: {
                                            /** @description 200 doubles */
                                            percent: number;
                                        };
                                    } | {
                                        /** @description Most points this rule gives one event */
                                        capPerEvent: {
                                            points: number;
                                        };
                                    } | {
                                        /** @description Most points this rule gives one member per local calendar period */
                                        capPerPeriod: {
                                            /** @enum {unknown} */
                                            period: "day" | "week" | "month" | "year";
                                            points: number;
                                        };
                                    } | {
                                        grantReward: {
                                            rewardId: string;
                                        };
                                    })[];
                                    /** @description Version id, as ledger entries record it */
                                    id: string;
                                    name: string;
                                    priority: number;
                                    /** Format: uuid */
                                    ruleId: string;
                                    stacking: "exclusive" | "stackable";
                                    /** @example 2 */
                                    version: number;
                                };
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a rule with its first version
         * @description Needs the `programs:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            /** @description Validated by the rules engine: each error names the path of the bad node, e.g. body.conditions.all[1] */
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Double points on weekend coffee",
                     *       "priority": 10,
                     *       "stacking": "stackable",
                     *       "activeFrom": "2026-06-01T00:00:00Z",
                     *       "conditions": {
                     *         "all": [
                     *           {
                     *             "eventType": {
                     *               "in": [
                     *                 "purchase"
                     *               ]
                     *             }
                     *           },
                     *           {
                     *             "dayOfWeek": {
                     *               "in": [
                     *                 "sat",
                     *                 "sun"
                     *               ]
                     *             }
                     *           },
                     *           {
                     *             "lineItem": {
                     *               "categoryIn": [
                     *                 "coffee"
                     *               ]
                     *             }
                     *           }
                     *         ]
                     *       },
                     *       "effects": [
                     *         {
                     *           "pointsPerUnit": {
                     *             "points": 2,
                     *             "unitMinor": 100
                     *           }
                     *         },
                     *         {
                     *           "capPerEvent": {
                     *             "points": 500
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description Inclusive
                         */
                        activeFrom?: string;
                        /**
                         * Format: date-time
                         * @description Exclusive
                         */
                        activeTo?: string;
                        conditions: components["schemas"]["def-0"];
                        /** @description Applied in order when the conditions hold */
                        effects: ({
                            /** @description Points for each unit of the amount in the earning currency */
                            pointsPerUnit: {
                                points: number;
                                /** @description e.g. 100 for 1.00 */
                                unitMinor: number;
                            };
                        } | {
                            fixedPoints: {
                                points: number;
                            };
                        } | {
                            /** @description Scales the points earned so far in this evaluation */
                            multiplier: {
                                /** @description 200 doubles */
                                percent: number;
                            };
                        } | {
                            /** @description Most points this rule gives one event */
                            capPerEvent: {
                                points: number;
                            };
                        } | {
                            /** @description Most points this rule gives one member per local calendar period */
                            capPerPeriod: {
                                /** @enum {unknown} */
                                period: "day" | "week" | "month" | "year";
                                points: number;
                            };
                        } | {
                            grantReward: {
                                rewardId: string;
                            };
                        })[];
                        name: string;
                        /** @description Higher runs first; ties run in rule id order */
                        priority: number;
                        /** @enum {unknown} */
                        stacking: "exclusive" | "stackable";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archivedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The version in force; null while disabled */
                            currentVersion: number | null;
                            /** Format: uuid */
                            id: string;
                            latestVersion: number;
                            /** Format: uuid */
                            programId: string;
                            /** @description active: its current version is in force; disabled: no version is; archived: deleted, history kept */
                            status: "active" | "disabled" | "archived";
                            /** @description The version asked for; by default the current one, or the latest while disabled or archived */
                            version: {
                                activeFrom: string | null;
                                activeTo: string | null;
                                conditions: components["schemas"]["def-0"];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                effects: ({
                                    /** @description Points for each unit of the amount in the earning currency */
                                    pointsPerUnit: {
                                        points: number;
                                        /** @description e.g. 100 for 1.00 */
                                        unitMinor: number;
                                    };
                                } | {
                                    fixedPoints: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Scales the points earned so far in this evaluation */
                                    multiplier: {
                                        /** @description 200 doubles */
                                        percent: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one event */
                                    capPerEvent: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one member per local calendar period */
                                    capPerPeriod: {
                                        /** @enum {unknown} */
                                        period: "day" | "week" | "month" | "year";
                                        points: number;
                                    };
                                } | {
                                    grantReward: {
                                        rewardId: string;
                                    };
                                })[];
                                /** @description Version id, as ledger entries record it */
                                id: string;
                                name: string;
                                priority: number;
                                /** Format: uuid */
                                ruleId: string;
                                stacking: "exclusive" | "stackable";
                                /** @example 2 */
                                version: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/rules:simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate a draft rule set on a sample event and on recent events
         * @description Runs the draft (or the rules in force) on a sample event and replays it over the program’s last N events, with the points and money it would cost next to what the rules in force gave. Writes nothing.
         *
         *     Needs the `programs:read` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "rules": [
                     *         {
                     *           "name": "Double points on weekend coffee",
                     *           "priority": 10,
                     *           "stacking": "stackable",
                     *           "activeFrom": "2026-06-01T00:00:00Z",
                     *           "conditions": {
                     *             "all": [
                     *               {
                     *                 "eventType": {
                     *                   "in": [
                     *                     "purchase"
                     *                   ]
                     *                 }
                     *               },
                     *               {
                     *                 "dayOfWeek": {
                     *                   "in": [
                     *                     "sat",
                     *                     "sun"
                     *                   ]
                     *                 }
                     *               },
                     *               {
                     *                 "lineItem": {
                     *                   "categoryIn": [
                     *                     "coffee"
                     *                   ]
                     *                 }
                     *               }
                     *             ]
                     *           },
                     *           "effects": [
                     *             {
                     *               "pointsPerUnit": {
                     *                 "points": 2,
                     *                 "unitMinor": 100
                     *               }
                     *             },
                     *             {
                     *               "capPerEvent": {
                     *                 "points": 500
                     *               }
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "sampleEvent": {
                     *         "event": {
                     *           "type": "purchase",
                     *           "occurredAt": "2026-06-06T10:15:00Z",
                     *           "amountMinor": 1250,
                     *           "currency": "EUR",
                     *           "lineItems": [
                     *             {
                     *               "sku": "LATTE-L",
                     *               "category": "coffee",
                     *               "quantity": 2,
                     *               "unitAmountMinor": 450
                     *             }
                     *           ]
                     *         },
                     *         "member": {
                     *           "enrolledAt": "2025-01-10T09:00:00Z",
                     *           "tags": [
                     *             "vip"
                     *           ],
                     *           "priorPurchaseCount": 12
                     *         }
                     *       },
                     *       "backtest": {
                     *         "lastEvents": 1000
                     *       }
                     *     }
                     */
                    "application/json": {
                        backtest?: {
                            /** @description How many of the program's most recent events to replay */
                            lastEvents: number;
                        };
                        /** @description The draft rule set; when absent, the program's rules in force now */
                        rules?: {
                            /**
                             * Format: date-time
                             * @description Inclusive
                             */
                            activeFrom?: string;
                            /**
                             * Format: date-time
                             * @description Exclusive
                             */
                            activeTo?: string;
                            conditions: components["schemas"]["def-0"];
                            /** @description Applied in order when the conditions hold */
                            effects: ({
                                /** @description Points for each unit of the amount in the earning currency */
                                pointsPerUnit: {
                                    points: number;
                                    /** @description e.g. 100 for 1.00 */
                                    unitMinor: number;
                                };
                            } | {
                                fixedPoints: {
                                    points: number;
                                };
                            } | {
                                /** @description Scales the points earned so far in this evaluation */
                                multiplier: {
                                    /** @description 200 doubles */
                                    percent: number;
                                };
                            } | {
                                /** @description Most points this rule gives one event */
                                capPerEvent: {
                                    points: number;
                                };
                            } | {
                                /** @description Most points this rule gives one member per local calendar period */
                                capPerPeriod: {
                                    /** @enum {unknown} */
                                    period: "day" | "week" | "month" | "year";
                                    points: number;
                                };
                            } | {
                                grantReward: {
                                    rewardId: string;
                                };
                            })[];
                            /** @description The id of the rule this draft replaces, so per-period caps and the per-rule comparison line up; draft-N when absent */
                            id?: string;
                            name: string;
                            /** @description Higher runs first; ties run in rule id order */
                            priority: number;
                            /** @enum {unknown} */
                            stacking: "exclusive" | "stackable";
                        }[];
                        sampleEvent?: {
                            /** @description An event as POST /v1/events takes it, without ids */
                            event: {
                                amountMinor?: number;
                                attributes?: {
                                    [key: string]: unknown;
                                };
                                channel?: string;
                                /**
                                 * @description ISO 4217 code
                                 * @example EUR
                                 */
                                currency?: string;
                                customType?: string;
                                lineItems?: {
                                    category?: string;
                                    quantity: number;
                                    sku: string;
                                    unitAmountMinor: number;
                                }[];
                                /** Format: date-time */
                                occurredAt: string;
                                type: "purchase" | "refund" | "signup" | "custom";
                            };
                            member: {
                                attributes?: {
                                    [key: string]: unknown;
                                };
                                /** @description Points each rule already gave the member in the periods containing the event */
                                earnedThisPeriodByRule?: {
                                    [key: string]: {
                                        day: number;
                                        month: number;
                                        week: number;
                                        year: number;
                                    };
                                };
                                /** Format: date-time */
                                enrolledAt: string;
                                /** @description Purchases before this event */
                                priorPurchaseCount?: number;
                                tags?: string[];
                                /** @description A tier of the program: its multiplier applies */
                                tierId?: string | null;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backtest?: {
                                /** @description What the rules in force gave these events: the sum of their accrual ledger entries */
                                actual: {
                                    cost: {
                                        amountMinor: number;
                                        /**
                                         * @description ISO 4217 code
                                         * @example EUR
                                         */
                                        currency: string;
                                    };
                                    totalPoints: number;
                                };
                                approximations: string[];
                                cost: {
                                    amountMinor: number;
                                    /**
                                     * @description ISO 4217 code
                                     * @example EUR
                                     */
                                    currency: string;
                                };
                                /** @description Draft minus actual */
                                difference: {
                                    cost: {
                                        amountMinor: number;
                                        /**
                                         * @description ISO 4217 code
                                         * @example EUR
                                         */
                                        currency: string;
                                    };
                                    points: number;
                                };
                                eventsEvaluated: number;
                                from: string | null;
                                pointsPerRule: {
                                    /** @description What the rule with this id gave these events when they were recorded, on the same basis */
                                    actualPoints: number;
                                    eventsMatched: number;
                                    name: string;
                                    /** @description What this rule of the draft gave, before tier multipliers and program caps */
                                    points: number;
                                    ruleId: string;
                                }[];
                                to: string | null;
                                /** @description Points the draft would have credited */
                                totalPoints: number;
                            };
                            /** @description The rule set simulated, in evaluation order */
                            rules: {
                                name: string;
                                ruleId: string;
                                versionId: string;
                            }[];
                            sample?: {
                                basePoints: number;
                                cost: {
                                    amountMinor: number;
                                    /**
                                     * @description ISO 4217 code
                                     * @example EUR
                                     */
                                    currency: string;
                                };
                                lines: {
                                    capped?: {
                                        by: unknown[];
                                        uncappedPoints: number;
                                    };
                                    name: string;
                                    /** @description After the rule’s own caps, before the tier multiplier and the program cap */
                                    points: number;
                                    ruleId: string;
                                    versionId: string;
                                }[];
                                programCap?: {
                                    maxPointsPerEvent: number;
                                    uncappedPoints: number;
                                };
                                rewards: {
                                    rewardId: string;
                                    ruleId: string;
                                    versionId: string;
                                }[];
                                tierMultiplierPct: number;
                                tierPoints: number;
                                /** @example 50 */
                                totalPoints: number;
                                trace: {
                                    notes?: string[];
                                    outcome: "applied" | "not_matched" | "inactive" | "skipped";
                                    /** @description For not_matched: the condition node that failed */
                                    path?: string;
                                    reason?: string;
                                    ruleId: string;
                                    versionId: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a program's tiers, lowest rank first
         * @description Needs the `programs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * @description Benefits shown to members
                                 * @example [
                                 *       "Free delivery",
                                 *       "Birthday gift"
                                 *     ]
                                 */
                                benefits: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * @description Earning multiplier in percent: 150 earns 1.5× points
                                 * @example 150
                                 */
                                earnMultiplierPct: number;
                                /**
                                 * @description Days a member keeps the tier after a qualification period ends without requalifying
                                 * @example 30
                                 */
                                graceDays: number;
                                /** Format: uuid */
                                id: string;
                                /** @example Gold */
                                name: string;
                                /** Format: uuid */
                                programId: string;
                                /**
                                 * @description What the threshold counts
                                 * @example points_rolling_12_months
                                 */
                                qualification: "lifetime_points" | "points_rolling_12_months" | "spend_rolling_12_months" | "orders_rolling_12_months";
                                /**
                                 * @description Order of tiers, 1 the lowest; unique
                                 * @example 2
                                 */
                                rank: number;
                                /**
                                 * @description Points, minor units of spend, or orders, per qualification
                                 * @example 5000
                                 */
                                threshold: number;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a tier
         * @description Needs the `programs:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Benefits shown to members
                         * @example [
                         *       "Free delivery",
                         *       "Birthday gift"
                         *     ]
                         */
                        benefits?: string[];
                        /**
                         * @description Earning multiplier in percent: 150 earns 1.5× points
                         * @example 150
                         */
                        earnMultiplierPct?: number;
                        /**
                         * @description Days a member keeps the tier after a qualification period ends without requalifying
                         * @example 30
                         */
                        graceDays?: number;
                        /** @example Gold */
                        name: string;
                        /**
                         * @description What the threshold counts
                         * @example points_rolling_12_months
                         */
                        qualification: "lifetime_points" | "points_rolling_12_months" | "spend_rolling_12_months" | "orders_rolling_12_months";
                        /**
                         * @description Order of tiers, 1 the lowest; unique
                         * @example 2
                         */
                        rank: number;
                        /**
                         * @description Points, minor units of spend, or orders, per qualification
                         * @example 5000
                         */
                        threshold: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Benefits shown to members
                             * @example [
                             *       "Free delivery",
                             *       "Birthday gift"
                             *     ]
                             */
                            benefits: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * @description Earning multiplier in percent: 150 earns 1.5× points
                             * @example 150
                             */
                            earnMultiplierPct: number;
                            /**
                             * @description Days a member keeps the tier after a qualification period ends without requalifying
                             * @example 30
                             */
                            graceDays: number;
                            /** Format: uuid */
                            id: string;
                            /** @example Gold */
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            /**
                             * @description What the threshold counts
                             * @example points_rolling_12_months
                             */
                            qualification: "lifetime_points" | "points_rolling_12_months" | "spend_rolling_12_months" | "orders_rolling_12_months";
                            /**
                             * @description Order of tiers, 1 the lowest; unique
                             * @example 2
                             */
                            rank: number;
                            /**
                             * @description Points, minor units of spend, or orders, per qualification
                             * @example 5000
                             */
                            threshold: number;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/{programId}/tiers/{tierId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a tier that no member holds and no reward is restricted to
         * @description Needs the `programs:write` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                    tierId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a tier
         * @description Members are re-evaluated against the new figures at their next accrual or downgrade pass.
         *
         *     Needs the `programs:write` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    programId: string;
                    tierId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Benefits shown to members
                         * @example [
                         *       "Free delivery",
                         *       "Birthday gift"
                         *     ]
                         */
                        benefits?: string[];
                        /**
                         * @description Earning multiplier in percent: 150 earns 1.5× points
                         * @example 150
                         */
                        earnMultiplierPct?: number;
                        /**
                         * @description Days a member keeps the tier after a qualification period ends without requalifying
                         * @example 30
                         */
                        graceDays?: number;
                        /** @example Gold */
                        name?: string;
                        /**
                         * @description What the threshold counts
                         * @example points_rolling_12_months
                         */
                        qualification?: "lifetime_points" | "points_rolling_12_months" | "spend_rolling_12_months" | "orders_rolling_12_months";
                        /**
                         * @description Order of tiers, 1 the lowest; unique
                         * @example 2
                         */
                        rank?: number;
                        /**
                         * @description Points, minor units of spend, or orders, per qualification
                         * @example 5000
                         */
                        threshold?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Benefits shown to members
                             * @example [
                             *       "Free delivery",
                             *       "Birthday gift"
                             *     ]
                             */
                            benefits: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * @description Earning multiplier in percent: 150 earns 1.5× points
                             * @example 150
                             */
                            earnMultiplierPct: number;
                            /**
                             * @description Days a member keeps the tier after a qualification period ends without requalifying
                             * @example 30
                             */
                            graceDays: number;
                            /** Format: uuid */
                            id: string;
                            /** @example Gold */
                            name: string;
                            /** Format: uuid */
                            programId: string;
                            /**
                             * @description What the threshold counts
                             * @example points_rolling_12_months
                             */
                            qualification: "lifetime_points" | "points_rolling_12_months" | "spend_rolling_12_months" | "orders_rolling_12_months";
                            /**
                             * @description Order of tiers, 1 the lowest; unique
                             * @example 2
                             */
                            rank: number;
                            /**
                             * @description Points, minor units of spend, or orders, per qualification
                             * @example 5000
                             */
                            threshold: number;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve a reward: hold its points until fulfilled, cancelled or expired
         * @description Requires an Idempotency-Key: the same key and body replay the first answer (Idempotent-Replayed: true); the same key with another body is refused with 422.
         *
         *     Needs the `redemptions:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @example redeem-7f3k-2026-01-05 */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "memberId": "0b8f9a64-5d0e-4c1f-9a53-2f0a1c6e7d11",
                     *       "rewardId": "5c2d0e8b-1f3a-4b7c-8e9d-0a1b2c3d4e5f"
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description How long the points stay held before an unfulfilled redemption expires
                         * @default 15
                         * @example 15
                         */
                        holdMinutes?: number;
                        /** Format: uuid */
                        memberId: string;
                        /** Format: uuid */
                        rewardId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description When it was cancelled or expired */
                            cancelledAt: string | null;
                            /**
                             * @description The voucher or generated code, once fulfilled
                             * @example RDM-7K2M9QX4TB3A
                             */
                            code: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            fulfilledAt: string | null;
                            /** Format: date-time */
                            holdExpiresAt: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            memberId: string;
                            /** @description Points held, then spent (fulfilled) or given back (cancelled, expired) */
                            points: number;
                            /** Format: uuid */
                            programId: string;
                            /** Format: uuid */
                            rewardId: string;
                            status: "reserved" | "fulfilled" | "cancelled" | "expired";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{redemptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a redemption
         * @description Needs the `rewards:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    redemptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description When it was cancelled or expired */
                            cancelledAt: string | null;
                            /**
                             * @description The voucher or generated code, once fulfilled
                             * @example RDM-7K2M9QX4TB3A
                             */
                            code: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            fulfilledAt: string | null;
                            /** Format: date-time */
                            holdExpiresAt: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            memberId: string;
                            /** @description Points held, then spent (fulfilled) or given back (cancelled, expired) */
                            points: number;
                            /** Format: uuid */
                            programId: string;
                            /** Format: uuid */
                            rewardId: string;
                            status: "reserved" | "fulfilled" | "cancelled" | "expired";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{redemptionId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a reserved redemption: give its points back to the same lots
         * @description Idempotent: cancelling a cancelled or expired redemption answers the same. 409 once fulfilled.
         *
         *     Needs the `redemptions:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    redemptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description When it was cancelled or expired */
                            cancelledAt: string | null;
                            /**
                             * @description The voucher or generated code, once fulfilled
                             * @example RDM-7K2M9QX4TB3A
                             */
                            code: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            fulfilledAt: string | null;
                            /** Format: date-time */
                            holdExpiresAt: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            memberId: string;
                            /** @description Points held, then spent (fulfilled) or given back (cancelled, expired) */
                            points: number;
                            /** Format: uuid */
                            programId: string;
                            /** Format: uuid */
                            rewardId: string;
                            status: "reserved" | "fulfilled" | "cancelled" | "expired";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{redemptionId}/fulfil": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fulfil a reserved redemption: issue its code and spend the held points
         * @description Idempotent: fulfilling a fulfilled redemption answers the same. 409 once cancelled or expired.
         *
         *     Needs the `redemptions:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    redemptionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description When it was cancelled or expired */
                            cancelledAt: string | null;
                            /**
                             * @description The voucher or generated code, once fulfilled
                             * @example RDM-7K2M9QX4TB3A
                             */
                            code: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            fulfilledAt: string | null;
                            /** Format: date-time */
                            holdExpiresAt: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            memberId: string;
                            /** @description Points held, then spent (fulfilled) or given back (cancelled, expired) */
                            points: number;
                            /** Format: uuid */
                            programId: string;
                            /** Format: uuid */
                            rewardId: string;
                            status: "reserved" | "fulfilled" | "cancelled" | "expired";
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List reports, oldest first
         * @description Needs the `reports:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                cron: string | null;
                                enabled: boolean;
                                formats: ("pdf" | "csv" | "xlsx")[];
                                /** Format: uuid */
                                id: string;
                                lastSentAt: string | null;
                                name: string;
                                onlyWhenChanged: boolean;
                                recipients: {
                                    /**
                                     * Format: email
                                     * @example cfo@cafe.test
                                     */
                                    email: string;
                                    /**
                                     * @description The recipient’s own time zone: times in their message are in it
                                     * @example Europe/Paris
                                     */
                                    timeZone: string;
                                }[];
                                scheduleId: string | null;
                                tiles: ({
                                    /** @enum {string} */
                                    kind: "overview";
                                    /** @description The figures shown, in order; every one when left out */
                                    metrics?: ("activeMembers" | "memberRevenueMinor" | "guestRevenueMinor" | "memberRevenueShare" | "issuedPoints" | "redeemedPoints" | "redemptionRate" | "outstandingPoints" | "pointsLiabilityMinor" | "incrementalRevenueMinor" | "totalCostMinor" | "roi")[];
                                    /**
                                     * Format: uuid
                                     * @description A program of the tenant
                                     */
                                    programId?: string;
                                    /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                    range: {
                                        /** @description The N days before the send date */
                                        lastDays: number;
                                    } | {
                                        /**
                                         * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                         * @enum {unknown}
                                         */
                                        calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                    } | {
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        from: string;
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        to: string;
                                    };
                                    /** @description Shown above the tile */
                                    title?: string;
                                } | {
                                    /** @enum {unknown} */
                                    grain: "month" | "week";
                                    /** @enum {string} */
                                    kind: "cohorts";
                                    /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                    range: {
                                        /** @description The N days before the send date */
                                        lastDays: number;
                                    } | {
                                        /**
                                         * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                         * @enum {unknown}
                                         */
                                        calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                    } | {
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        from: string;
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        to: string;
                                    };
                                    /** @description Shown above the tile */
                                    title?: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "rfm";
                                    /** @description Shown above the tile */
                                    title?: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "pointsEconomy";
                                    /**
                                     * Format: uuid
                                     * @description A program of the tenant
                                     */
                                    programId: string;
                                    /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                    range: {
                                        /** @description The N days before the send date */
                                        lastDays: number;
                                    } | {
                                        /**
                                         * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                         * @enum {unknown}
                                         */
                                        calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                    } | {
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        from: string;
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        to: string;
                                    };
                                    /** @description Shown above the tile */
                                    title?: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "tiers";
                                    /**
                                     * Format: uuid
                                     * @description A program of the tenant
                                     */
                                    programId: string;
                                    /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                    range: {
                                        /** @description The N days before the send date */
                                        lastDays: number;
                                    } | {
                                        /**
                                         * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                         * @enum {unknown}
                                         */
                                        calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                    } | {
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        from: string;
                                        /**
                                         * Format: date
                                         * @example 2026-03-01
                                         */
                                        to: string;
                                    };
                                    /** @description Shown above the tile */
                                    title?: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "topMembers";
                                    /** @description Members listed */
                                    limit: number;
                                    segment?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
                                    /**
                                     * @description revenueMinor when left out
                                     * @enum {unknown}
                                     */
                                    sort?: "revenueMinor" | "monetaryMinor" | "frequency" | "purchases" | "recencyDays" | "pointsAvailable" | "lifetimeEarnedPoints" | "enrolledAt" | "lastPurchaseAt";
                                    /** @description Shown above the tile */
                                    title?: string;
                                })[];
                                timeZone: string;
                                /** @enum {unknown} */
                                trigger: "schedule" | "marts_rebuilt";
                                /** @description Recipients who followed their unsubscribe link: they receive nothing more */
                                unsubscribed: string[];
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a scheduled report
         * @description Tiles (analytics queries), formats, recipients with their time zones, and a trigger: a cron in the report’s time zone (a Temporal Schedule is created with it; 503 when Temporal does not answer, and nothing is created), or after each build of the marts. Programs named by tiles must be the tenant’s.
         *
         *     Needs the `reports:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cron?: string | null;
                        /**
                         * @description false pauses scheduled sends
                         * @default true
                         */
                        enabled?: boolean;
                        /** @description pdf: the tiles with their titles, numbers and charts; csv: one file per tile; xlsx: a sheet per tile */
                        formats: ("pdf" | "csv" | "xlsx")[];
                        /** @example Monday numbers */
                        name: string;
                        /**
                         * @description Skip a scheduled send whose tiles’ data is as last sent
                         * @default false
                         */
                        onlyWhenChanged?: boolean;
                        recipients: {
                            /**
                             * Format: email
                             * @example cfo@cafe.test
                             */
                            email: string;
                            /**
                             * @description The recipient’s own time zone: times in their message are in it
                             * @example Europe/Paris
                             */
                            timeZone: string;
                        }[];
                        /** @description The tiles, in the order shown */
                        tiles: ({
                            /** @enum {string} */
                            kind: "overview";
                            /** @description The figures shown, in order; every one when left out */
                            metrics?: ("activeMembers" | "memberRevenueMinor" | "guestRevenueMinor" | "memberRevenueShare" | "issuedPoints" | "redeemedPoints" | "redemptionRate" | "outstandingPoints" | "pointsLiabilityMinor" | "incrementalRevenueMinor" | "totalCostMinor" | "roi")[];
                            /**
                             * Format: uuid
                             * @description A program of the tenant
                             */
                            programId?: string;
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {unknown} */
                            grain: "month" | "week";
                            /** @enum {string} */
                            kind: "cohorts";
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "rfm";
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "pointsEconomy";
                            /**
                             * Format: uuid
                             * @description A program of the tenant
                             */
                            programId: string;
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "tiers";
                            /**
                             * Format: uuid
                             * @description A program of the tenant
                             */
                            programId: string;
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "topMembers";
                            /** @description Members listed */
                            limit: number;
                            segment?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
                            /**
                             * @description revenueMinor when left out
                             * @enum {unknown}
                             */
                            sort?: "revenueMinor" | "monetaryMinor" | "frequency" | "purchases" | "recencyDays" | "pointsAvailable" | "lifetimeEarnedPoints" | "enrolledAt" | "lastPurchaseAt";
                            /** @description Shown above the tile */
                            title?: string;
                        })[];
                        /**
                         * @description The report’s time zone: its cron, and the send date the tiles’ relative ranges end before
                         * @example Europe/Paris
                         */
                        timeZone: string;
                        /**
                         * @description schedule: on `cron` in `timeZone`; marts_rebuilt: after each successful build of the marts
                         * @enum {unknown}
                         */
                        trigger: "schedule" | "marts_rebuilt";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            cron: string | null;
                            enabled: boolean;
                            formats: ("pdf" | "csv" | "xlsx")[];
                            /** Format: uuid */
                            id: string;
                            lastSentAt: string | null;
                            name: string;
                            onlyWhenChanged: boolean;
                            recipients: {
                                /**
                                 * Format: email
                                 * @example cfo@cafe.test
                                 */
                                email: string;
                                /**
                                 * @description The recipient’s own time zone: times in their message are in it
                                 * @example Europe/Paris
                                 */
                                timeZone: string;
                            }[];
                            scheduleId: string | null;
                            tiles: ({
                                /** @enum {string} */
                                kind: "overview";
                                /** @description The figures shown, in order; every one when left out */
                                metrics?: ("activeMembers" | "memberRevenueMinor" | "guestRevenueMinor" | "memberRevenueShare" | "issuedPoints" | "redeemedPoints" | "redemptionRate" | "outstandingPoints" | "pointsLiabilityMinor" | "incrementalRevenueMinor" | "totalCostMinor" | "roi")[];
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId?: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {unknown} */
                                grain: "month" | "week";
                                /** @enum {string} */
                                kind: "cohorts";
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "rfm";
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "pointsEconomy";
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "tiers";
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "topMembers";
                                /** @description Members listed */
                                limit: number;
                                segment?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
                                /**
                                 * @description revenueMinor when left out
                                 * @enum {unknown}
                                 */
                                sort?: "revenueMinor" | "monetaryMinor" | "frequency" | "purchases" | "recencyDays" | "pointsAvailable" | "lifetimeEarnedPoints" | "enrolledAt" | "lastPurchaseAt";
                                /** @description Shown above the tile */
                                title?: string;
                            })[];
                            timeZone: string;
                            /** @enum {unknown} */
                            trigger: "schedule" | "marts_rebuilt";
                            /** @description Recipients who followed their unsubscribe link: they receive nothing more */
                            unsubscribed: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{reportId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a report
         * @description Needs the `reports:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            cron: string | null;
                            enabled: boolean;
                            formats: ("pdf" | "csv" | "xlsx")[];
                            /** Format: uuid */
                            id: string;
                            lastSentAt: string | null;
                            name: string;
                            onlyWhenChanged: boolean;
                            recipients: {
                                /**
                                 * Format: email
                                 * @example cfo@cafe.test
                                 */
                                email: string;
                                /**
                                 * @description The recipient’s own time zone: times in their message are in it
                                 * @example Europe/Paris
                                 */
                                timeZone: string;
                            }[];
                            scheduleId: string | null;
                            tiles: ({
                                /** @enum {string} */
                                kind: "overview";
                                /** @description The figures shown, in order; every one when left out */
                                metrics?: ("activeMembers" | "memberRevenueMinor" | "guestRevenueMinor" | "memberRevenueShare" | "issuedPoints" | "redeemedPoints" | "redemptionRate" | "outstandingPoints" | "pointsLiabilityMinor" | "incrementalRevenueMinor" | "totalCostMinor" | "roi")[];
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId?: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {unknown} */
                                grain: "month" | "week";
                                /** @enum {string} */
                                kind: "cohorts";
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "rfm";
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "pointsEconomy";
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "tiers";
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "topMembers";
                                /** @description Members listed */
                                limit: number;
                                segment?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
                                /**
                                 * @description revenueMinor when left out
                                 * @enum {unknown}
                                 */
                                sort?: "revenueMinor" | "monetaryMinor" | "frequency" | "purchases" | "recencyDays" | "pointsAvailable" | "lifetimeEarnedPoints" | "enrolledAt" | "lastPurchaseAt";
                                /** @description Shown above the tile */
                                title?: string;
                            })[];
                            timeZone: string;
                            /** @enum {unknown} */
                            trigger: "schedule" | "marts_rebuilt";
                            /** @description Recipients who followed their unsubscribe link: they receive nothing more */
                            unsubscribed: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Replace a report
         * @description The whole report as it should be; its schedule follows in the same step (created, changed, paused or deleted). 503 when Temporal does not answer, and nothing is changed.
         *
         *     Needs the `reports:write` permission.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            /** @description The whole report as it should be */
            requestBody: {
                content: {
                    "application/json": {
                        cron?: string | null;
                        /**
                         * @description false pauses scheduled sends
                         * @default true
                         */
                        enabled?: boolean;
                        /** @description pdf: the tiles with their titles, numbers and charts; csv: one file per tile; xlsx: a sheet per tile */
                        formats: ("pdf" | "csv" | "xlsx")[];
                        /** @example Monday numbers */
                        name: string;
                        /**
                         * @description Skip a scheduled send whose tiles’ data is as last sent
                         * @default false
                         */
                        onlyWhenChanged?: boolean;
                        recipients: {
                            /**
                             * Format: email
                             * @example cfo@cafe.test
                             */
                            email: string;
                            /**
                             * @description The recipient’s own time zone: times in their message are in it
                             * @example Europe/Paris
                             */
                            timeZone: string;
                        }[];
                        /** @description The tiles, in the order shown */
                        tiles: ({
                            /** @enum {string} */
                            kind: "overview";
                            /** @description The figures shown, in order; every one when left out */
                            metrics?: ("activeMembers" | "memberRevenueMinor" | "guestRevenueMinor" | "memberRevenueShare" | "issuedPoints" | "redeemedPoints" | "redemptionRate" | "outstandingPoints" | "pointsLiabilityMinor" | "incrementalRevenueMinor" | "totalCostMinor" | "roi")[];
                            /**
                             * Format: uuid
                             * @description A program of the tenant
                             */
                            programId?: string;
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {unknown} */
                            grain: "month" | "week";
                            /** @enum {string} */
                            kind: "cohorts";
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "rfm";
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "pointsEconomy";
                            /**
                             * Format: uuid
                             * @description A program of the tenant
                             */
                            programId: string;
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "tiers";
                            /**
                             * Format: uuid
                             * @description A program of the tenant
                             */
                            programId: string;
                            /** @description Relative to the send date in the report’s time zone, or fixed dates */
                            range: {
                                /** @description The N days before the send date */
                                lastDays: number;
                            } | {
                                /**
                                 * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                 * @enum {unknown}
                                 */
                                calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                            } | {
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                from: string;
                                /**
                                 * Format: date
                                 * @example 2026-03-01
                                 */
                                to: string;
                            };
                            /** @description Shown above the tile */
                            title?: string;
                        } | {
                            /** @enum {string} */
                            kind: "topMembers";
                            /** @description Members listed */
                            limit: number;
                            segment?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
                            /**
                             * @description revenueMinor when left out
                             * @enum {unknown}
                             */
                            sort?: "revenueMinor" | "monetaryMinor" | "frequency" | "purchases" | "recencyDays" | "pointsAvailable" | "lifetimeEarnedPoints" | "enrolledAt" | "lastPurchaseAt";
                            /** @description Shown above the tile */
                            title?: string;
                        })[];
                        /**
                         * @description The report’s time zone: its cron, and the send date the tiles’ relative ranges end before
                         * @example Europe/Paris
                         */
                        timeZone: string;
                        /**
                         * @description schedule: on `cron` in `timeZone`; marts_rebuilt: after each successful build of the marts
                         * @enum {unknown}
                         */
                        trigger: "schedule" | "marts_rebuilt";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            cron: string | null;
                            enabled: boolean;
                            formats: ("pdf" | "csv" | "xlsx")[];
                            /** Format: uuid */
                            id: string;
                            lastSentAt: string | null;
                            name: string;
                            onlyWhenChanged: boolean;
                            recipients: {
                                /**
                                 * Format: email
                                 * @example cfo@cafe.test
                                 */
                                email: string;
                                /**
                                 * @description The recipient’s own time zone: times in their message are in it
                                 * @example Europe/Paris
                                 */
                                timeZone: string;
                            }[];
                            scheduleId: string | null;
                            tiles: ({
                                /** @enum {string} */
                                kind: "overview";
                                /** @description The figures shown, in order; every one when left out */
                                metrics?: ("activeMembers" | "memberRevenueMinor" | "guestRevenueMinor" | "memberRevenueShare" | "issuedPoints" | "redeemedPoints" | "redemptionRate" | "outstandingPoints" | "pointsLiabilityMinor" | "incrementalRevenueMinor" | "totalCostMinor" | "roi")[];
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId?: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {unknown} */
                                grain: "month" | "week";
                                /** @enum {string} */
                                kind: "cohorts";
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "rfm";
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "pointsEconomy";
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "tiers";
                                /**
                                 * Format: uuid
                                 * @description A program of the tenant
                                 */
                                programId: string;
                                /** @description Relative to the send date in the report’s time zone, or fixed dates */
                                range: {
                                    /** @description The N days before the send date */
                                    lastDays: number;
                                } | {
                                    /**
                                     * @description The whole calendar week (from Monday), month, quarter or year before the send date
                                     * @enum {unknown}
                                     */
                                    calendar: "previousWeek" | "previousMonth" | "previousQuarter" | "previousYear";
                                } | {
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    from: string;
                                    /**
                                     * Format: date
                                     * @example 2026-03-01
                                     */
                                    to: string;
                                };
                                /** @description Shown above the tile */
                                title?: string;
                            } | {
                                /** @enum {string} */
                                kind: "topMembers";
                                /** @description Members listed */
                                limit: number;
                                segment?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
                                /**
                                 * @description revenueMinor when left out
                                 * @enum {unknown}
                                 */
                                sort?: "revenueMinor" | "monetaryMinor" | "frequency" | "purchases" | "recencyDays" | "pointsAvailable" | "lifetimeEarnedPoints" | "enrolledAt" | "lastPurchaseAt";
                                /** @description Shown above the tile */
                                title?: string;
                            })[];
                            timeZone: string;
                            /** @enum {unknown} */
                            trigger: "schedule" | "marts_rebuilt";
                            /** @description Recipients who followed their unsubscribe link: they receive nothing more */
                            unsubscribed: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a report, its schedule, delivery log and unsubscribes
         * @description Needs the `reports:write` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{reportId}:send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a report now
         * @description Starts a send at once (the only-when-changed option does not apply). Requires an Idempotency-Key: the same key and query answer the same send (Idempotent-Replayed: true); the same key with another query is refused with 422. The deliveries list shows how it went.
         *
         *     Needs the `reports:write` permission.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The send date the tiles’ relative ranges end before; today in the report’s time zone */
                    asOf?: string;
                };
                header: {
                    /** @example send-2026-03-31 */
                    "idempotency-key": string;
                };
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string | null;
                            /** Format: uuid */
                            reportId: string;
                            /** @description The send’s workflow; its deliveries carry it as runId */
                            workflowId: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{reportId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log of a report, newest first
         * @description One row per recipient of each send: sent (with the Message-ID the SMTP server accepted), failed after its retries (with the last error), pending, or skipped (unchanged data, or an unsubscribed recipient).
         *
         *     Needs the `reports:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path: {
                    reportId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** Format: date-time */
                                createdAt: string;
                                dataHash: string | null;
                                error: string | null;
                                /** Format: uuid */
                                id: string;
                                messageId: string | null;
                                recipientEmail: string;
                                recipientTimeZone: string;
                                runId: string;
                                sentAt: string | null;
                                skipReason: ("unchanged" | "unsubscribed") | null;
                                /** @enum {unknown} */
                                status: "pending" | "sent" | "failed" | "skipped";
                                /** @enum {unknown} */
                                trigger: "schedule" | "manual" | "marts_rebuilt";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stop a recipient’s messages of a report (the link in each message)
         * @description No sign-in: the token is signed (HMAC-SHA256) for one recipient of one report. Following it again changes nothing. 403 for a token that was changed; 404 when the report no longer exists.
         */
        get: {
            parameters: {
                query: {
                    /** @description From the link in the message */
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page saying what happened */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * One-click unsubscribe (RFC 8058): the same as following the link
         * @description What mail clients send for the message’s List-Unsubscribe-Post header.
         */
        post: {
            parameters: {
                query: {
                    /** @description From the link in the message */
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page saying what happened */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{rewardId}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count a voucher reward's codes by status
         * @description Needs the `rewards:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    rewardId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            available: number;
                            issued: number;
                            reserved: number;
                            total: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload codes to a voucher reward's pool
         * @description JSON array or text/csv. Codes already in the pool, or repeated in the upload, are counted as duplicates.
         *
         *     Needs the `rewards:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    rewardId: string;
                };
                cookie?: never;
            };
            /** @description Voucher codes (printable ASCII, no spaces): a JSON array, or text/csv with one code per line (the first column; a header line `code` is skipped) */
            requestBody: {
                content: {
                    /**
                     * @example [
                     *       "WELCOME-7F3K",
                     *       "WELCOME-9Q2M"
                     *     ]
                     */
                    "application/json": string[];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Codes added to the pool */
                            accepted: number;
                            /** @description Codes ignored: repeated in the upload or already in the pool */
                            duplicates: number;
                            /** @description Codes in the upload */
                            received: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rules/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a rule with its latest version, or with a past one
         * @description Needs the `programs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A past version */
                    version?: number;
                };
                header?: never;
                path: {
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archivedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The version in force; null while disabled */
                            currentVersion: number | null;
                            /** Format: uuid */
                            id: string;
                            latestVersion: number;
                            /** Format: uuid */
                            programId: string;
                            /** @description active: its current version is in force; disabled: no version is; archived: deleted, history kept */
                            status: "active" | "disabled" | "archived";
                            /** @description The version asked for; by default the current one, or the latest while disabled or archived */
                            version: {
                                activeFrom: string | null;
                                activeTo: string | null;
                                conditions: components["schemas"]["def-0"];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                effects: ({
                                    /** @description Points for each unit of the amount in the earning currency */
                                    pointsPerUnit: {
                                        points: number;
                                        /** @description e.g. 100 for 1.00 */
                                        unitMinor: number;
                                    };
                                } | {
                                    fixedPoints: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Scales the points earned so far in this evaluation */
                                    multiplier: {
                                        /** @description 200 doubles */
                                        percent: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one event */
                                    capPerEvent: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one member per local calendar period */
                                    capPerPeriod: {
                                        /** @enum {unknown} */
                                        period: "day" | "week" | "month" | "year";
                                        points: number;
                                    };
                                } | {
                                    grantReward: {
                                        rewardId: string;
                                    };
                                })[];
                                /** @description Version id, as ledger entries record it */
                                id: string;
                                name: string;
                                priority: number;
                                /** Format: uuid */
                                ruleId: string;
                                stacking: "exclusive" | "stackable";
                                /** @example 2 */
                                version: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Edit a rule: a new immutable version
         * @description Appends a version and makes it current; a disabled rule stays disabled until enabled. Past versions never change.
         *
         *     Needs the `programs:write` permission.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                };
                cookie?: never;
            };
            /** @description Validated by the rules engine: each error names the path of the bad node, e.g. body.conditions.all[1] */
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Double points on weekend coffee",
                     *       "priority": 10,
                     *       "stacking": "stackable",
                     *       "activeFrom": "2026-06-01T00:00:00Z",
                     *       "conditions": {
                     *         "all": [
                     *           {
                     *             "eventType": {
                     *               "in": [
                     *                 "purchase"
                     *               ]
                     *             }
                     *           },
                     *           {
                     *             "dayOfWeek": {
                     *               "in": [
                     *                 "sat",
                     *                 "sun"
                     *               ]
                     *             }
                     *           },
                     *           {
                     *             "lineItem": {
                     *               "categoryIn": [
                     *                 "coffee"
                     *               ]
                     *             }
                     *           }
                     *         ]
                     *       },
                     *       "effects": [
                     *         {
                     *           "pointsPerUnit": {
                     *             "points": 2,
                     *             "unitMinor": 100
                     *           }
                     *         },
                     *         {
                     *           "capPerEvent": {
                     *             "points": 500
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description Inclusive
                         */
                        activeFrom?: string;
                        /**
                         * Format: date-time
                         * @description Exclusive
                         */
                        activeTo?: string;
                        conditions: components["schemas"]["def-0"];
                        /** @description Applied in order when the conditions hold */
                        effects: ({
                            /** @description Points for each unit of the amount in the earning currency */
                            pointsPerUnit: {
                                points: number;
                                /** @description e.g. 100 for 1.00 */
                                unitMinor: number;
                            };
                        } | {
                            fixedPoints: {
                                points: number;
                            };
                        } | {
                            /** @description Scales the points earned so far in this evaluation */
                            multiplier: {
                                /** @description 200 doubles */
                                percent: number;
                            };
                        } | {
                            /** @description Most points this rule gives one event */
                            capPerEvent: {
                                points: number;
                            };
                        } | {
                            /** @description Most points this rule gives one member per local calendar period */
                            capPerPeriod: {
                                /** @enum {unknown} */
                                period: "day" | "week" | "month" | "year";
                                points: number;
                            };
                        } | {
                            grantReward: {
                                rewardId: string;
                            };
                        })[];
                        name: string;
                        /** @description Higher runs first; ties run in rule id order */
                        priority: number;
                        /** @enum {unknown} */
                        stacking: "exclusive" | "stackable";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archivedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The version in force; null while disabled */
                            currentVersion: number | null;
                            /** Format: uuid */
                            id: string;
                            latestVersion: number;
                            /** Format: uuid */
                            programId: string;
                            /** @description active: its current version is in force; disabled: no version is; archived: deleted, history kept */
                            status: "active" | "disabled" | "archived";
                            /** @description The version asked for; by default the current one, or the latest while disabled or archived */
                            version: {
                                activeFrom: string | null;
                                activeTo: string | null;
                                conditions: components["schemas"]["def-0"];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                effects: ({
                                    /** @description Points for each unit of the amount in the earning currency */
                                    pointsPerUnit: {
                                        points: number;
                                        /** @description e.g. 100 for 1.00 */
                                        unitMinor: number;
                                    };
                                } | {
                                    fixedPoints: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Scales the points earned so far in this evaluation */
                                    multiplier: {
                                        /** @description 200 doubles */
                                        percent: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one event */
                                    capPerEvent: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one member per local calendar period */
                                    capPerPeriod: {
                                        /** @enum {unknown} */
                                        period: "day" | "week" | "month" | "year";
                                        points: number;
                                    };
                                } | {
                                    grantReward: {
                                        rewardId: string;
                                    };
                                })[];
                                /** @description Version id, as ledger entries record it */
                                id: string;
                                name: string;
                                priority: number;
                                /** Format: uuid */
                                ruleId: string;
                                stacking: "exclusive" | "stackable";
                                /** @example 2 */
                                version: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Archive a rule; its versions are kept
         * @description Needs the `programs:write` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archivedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The version in force; null while disabled */
                            currentVersion: number | null;
                            /** Format: uuid */
                            id: string;
                            latestVersion: number;
                            /** Format: uuid */
                            programId: string;
                            /** @description active: its current version is in force; disabled: no version is; archived: deleted, history kept */
                            status: "active" | "disabled" | "archived";
                            /** @description The version asked for; by default the current one, or the latest while disabled or archived */
                            version: {
                                activeFrom: string | null;
                                activeTo: string | null;
                                conditions: components["schemas"]["def-0"];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                effects: ({
                                    /** @description Points for each unit of the amount in the earning currency */
                                    pointsPerUnit: {
                                        points: number;
                                        /** @description e.g. 100 for 1.00 */
                                        unitMinor: number;
                                    };
                                } | {
                                    fixedPoints: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Scales the points earned so far in this evaluation */
                                    multiplier: {
                                        /** @description 200 doubles */
                                        percent: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one event */
                                    capPerEvent: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one member per local calendar period */
                                    capPerPeriod: {
                                        /** @enum {unknown} */
                                        period: "day" | "week" | "month" | "year";
                                        points: number;
                                    };
                                } | {
                                    grantReward: {
                                        rewardId: string;
                                    };
                                })[];
                                /** @description Version id, as ledger entries record it */
                                id: string;
                                name: string;
                                priority: number;
                                /** Format: uuid */
                                ruleId: string;
                                stacking: "exclusive" | "stackable";
                                /** @example 2 */
                                version: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rules/{ruleId}:disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable a rule: no version is in force
         * @description Needs the `programs:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archivedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The version in force; null while disabled */
                            currentVersion: number | null;
                            /** Format: uuid */
                            id: string;
                            latestVersion: number;
                            /** Format: uuid */
                            programId: string;
                            /** @description active: its current version is in force; disabled: no version is; archived: deleted, history kept */
                            status: "active" | "disabled" | "archived";
                            /** @description The version asked for; by default the current one, or the latest while disabled or archived */
                            version: {
                                activeFrom: string | null;
                                activeTo: string | null;
                                conditions: components["schemas"]["def-0"];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                effects: ({
                                    /** @description Points for each unit of the amount in the earning currency */
                                    pointsPerUnit: {
                                        points: number;
                                        /** @description e.g. 100 for 1.00 */
                                        unitMinor: number;
                                    };
                                } | {
                                    fixedPoints: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Scales the points earned so far in this evaluation */
                                    multiplier: {
                                        /** @description 200 doubles */
                                        percent: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one event */
                                    capPerEvent: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one member per local calendar period */
                                    capPerPeriod: {
                                        /** @enum {unknown} */
                                        period: "day" | "week" | "month" | "year";
                                        points: number;
                                    };
                                } | {
                                    grantReward: {
                                        rewardId: string;
                                    };
                                })[];
                                /** @description Version id, as ledger entries record it */
                                id: string;
                                name: string;
                                priority: number;
                                /** Format: uuid */
                                ruleId: string;
                                stacking: "exclusive" | "stackable";
                                /** @example 2 */
                                version: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rules/{ruleId}:enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a rule: its latest version is in force
         * @description Needs the `programs:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archivedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description The version in force; null while disabled */
                            currentVersion: number | null;
                            /** Format: uuid */
                            id: string;
                            latestVersion: number;
                            /** Format: uuid */
                            programId: string;
                            /** @description active: its current version is in force; disabled: no version is; archived: deleted, history kept */
                            status: "active" | "disabled" | "archived";
                            /** @description The version asked for; by default the current one, or the latest while disabled or archived */
                            version: {
                                activeFrom: string | null;
                                activeTo: string | null;
                                conditions: components["schemas"]["def-0"];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                effects: ({
                                    /** @description Points for each unit of the amount in the earning currency */
                                    pointsPerUnit: {
                                        points: number;
                                        /** @description e.g. 100 for 1.00 */
                                        unitMinor: number;
                                    };
                                } | {
                                    fixedPoints: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Scales the points earned so far in this evaluation */
                                    multiplier: {
                                        /** @description 200 doubles */
                                        percent: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one event */
                                    capPerEvent: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one member per local calendar period */
                                    capPerPeriod: {
                                        /** @enum {unknown} */
                                        period: "day" | "week" | "month" | "year";
                                        points: number;
                                    };
                                } | {
                                    grantReward: {
                                        rewardId: string;
                                    };
                                })[];
                                /** @description Version id, as ledger entries record it */
                                id: string;
                                name: string;
                                priority: number;
                                /** Format: uuid */
                                ruleId: string;
                                stacking: "exclusive" | "stackable";
                                /** @example 2 */
                                version: number;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rules/{ruleId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a rule's versions, oldest first
         * @description Needs the `programs:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path: {
                    ruleId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                activeFrom: string | null;
                                activeTo: string | null;
                                conditions: components["schemas"]["def-0"];
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string | null;
                                effects: ({
                                    /** @description Points for each unit of the amount in the earning currency */
                                    pointsPerUnit: {
                                        points: number;
                                        /** @description e.g. 100 for 1.00 */
                                        unitMinor: number;
                                    };
                                } | {
                                    fixedPoints: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Scales the points earned so far in this evaluation */
                                    multiplier: {
                                        /** @description 200 doubles */
                                        percent: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one event */
                                    capPerEvent: {
                                        points: number;
                                    };
                                } | {
                                    /** @description Most points this rule gives one member per local calendar period */
                                    capPerPeriod: {
                                        /** @enum {unknown} */
                                        period: "day" | "week" | "month" | "year";
                                        points: number;
                                    };
                                } | {
                                    grantReward: {
                                        rewardId: string;
                                    };
                                })[];
                                /** @description Version id, as ledger entries record it */
                                id: string;
                                name: string;
                                priority: number;
                                /** Format: uuid */
                                ruleId: string;
                                stacking: "exclusive" | "stackable";
                                /** @example 2 */
                                version: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List segments, oldest first, each with its current version
         * @description Needs the `segments:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Also list deleted segments */
                    includeDeleted?: boolean;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                currentVersion: number;
                                deletedAt: string | null;
                                description: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {unknown} */
                                kind: "dynamic" | "static";
                                name: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** @description The version asked for; the current one by default */
                                version: {
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** @description The user or API key that saved it */
                                    createdBy: string;
                                    definition: components["schemas"]["def-1"];
                                    /**
                                     * Format: uuid
                                     * @description The version id: a campaign names it as its audience
                                     */
                                    id: string;
                                    memberCount: number | null;
                                    /** @example 3 */
                                    version: number;
                                };
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a segment with its first version
         * @description The definition is validated node by node (400 names every bad path); campaigns and tiers it names must be the tenant’s. A static segment takes its snapshot of member ids now, from the marts (503 when the warehouse cannot answer).
         *
         *     Needs the `segments:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        definition: components["schemas"]["def-1"];
                        description?: string | null;
                        /**
                         * @description dynamic: evaluated on the marts when read; static: a snapshot of member ids taken on save
                         * @enum {unknown}
                         */
                        kind: "dynamic" | "static";
                        /** @example At-risk high spenders */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            currentVersion: number;
                            deletedAt: string | null;
                            description: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            kind: "dynamic" | "static";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The version asked for; the current one by default */
                            version: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                definition: components["schemas"]["def-1"];
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            };
                            /** @description Every version, newest first */
                            versions: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments:preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a draft definition: size, share, a sample, RFM segments and tiers
         * @description Evaluates the definition on the marts now and saves nothing: its size, its share of the tenant’s active members, ten sample members, and how its members spread over the RFM segments and tiers.
         *
         *     Needs the `segments:read` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        definition: components["schemas"]["def-1"];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The tenant’s active members in the marts */
                            activeMembers: number;
                            /** @description Every RFM segment in rule order, with its members in the segment */
                            rfmSegments: {
                                members: number;
                                /** @enum {unknown} */
                                segment: "Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost";
                                share: number | null;
                            }[];
                            /** @description Up to ten members, the lowest ids (ids are random) */
                            sample: {
                                /** Format: date-time */
                                enrolledAt: string;
                                externalId: string;
                                frequency: number;
                                lastPurchaseAt: string | null;
                                lifetimeRevenueMinor: number;
                                /** Format: uuid */
                                memberId: string;
                                monetaryMinor: number;
                                pointsBalance: number;
                                purchases: number;
                                recencyDays: number | null;
                                rfmSegment: string;
                                tags: string[];
                                tierId: string | null;
                                tierName: string | null;
                            }[];
                            share: number | null;
                            /** @description Members the definition selects now */
                            size: number;
                            /** @description The tiers the segment’s members hold, most members first */
                            tiers: {
                                members: number;
                                share: number | null;
                                tierId: string | null;
                                /** @description “No tier” for members without one */
                                tierName: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{segmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a segment with its versions
         * @description The current version with its definition (or `?version=N`), and every version, newest first. A deleted segment stays readable.
         *
         *     Needs the `segments:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A past version */
                    version?: number;
                };
                header?: never;
                path: {
                    segmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            currentVersion: number;
                            deletedAt: string | null;
                            description: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            kind: "dynamic" | "static";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The version asked for; the current one by default */
                            version: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                definition: components["schemas"]["def-1"];
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            };
                            /** @description Every version, newest first */
                            versions: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Save a segment: a new immutable version
         * @description Appends a version and makes it current; past versions never change. A static segment takes a new snapshot with it. A deleted segment cannot be saved (422).
         *
         *     Needs the `segments:write` permission.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    segmentId: string;
                };
                cookie?: never;
            };
            /** @description The whole segment as it should be: a new version; the kind is fixed at creation */
            requestBody: {
                content: {
                    "application/json": {
                        definition: components["schemas"]["def-1"];
                        description?: string | null;
                        /** @example At-risk high spenders */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            currentVersion: number;
                            deletedAt: string | null;
                            description: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            kind: "dynamic" | "static";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The version asked for; the current one by default */
                            version: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                definition: components["schemas"]["def-1"];
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            };
                            /** @description Every version, newest first */
                            versions: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a segment; it and its versions stay readable
         * @description Soft deletion: the segment leaves lists and cannot change, but campaigns that name one of its versions still read it. Deleting again changes nothing.
         *
         *     Needs the `segments:write` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    segmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            currentVersion: number;
                            deletedAt: string | null;
                            description: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            kind: "dynamic" | "static";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The version asked for; the current one by default */
                            version: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                definition: components["schemas"]["def-1"];
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            };
                            /** @description Every version, newest first */
                            versions: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{segmentId}:snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a new snapshot of a static segment: a new version
         * @description A new version with the same definition and the members it selects in the marts now. 422 for a dynamic segment (it is evaluated when read) or a deleted one.
         *
         *     Needs the `segments:write` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    segmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            currentVersion: number;
                            deletedAt: string | null;
                            description: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {unknown} */
                            kind: "dynamic" | "static";
                            name: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The version asked for; the current one by default */
                            version: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                definition: components["schemas"]["def-1"];
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            };
                            /** @description Every version, newest first */
                            versions: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description The user or API key that saved it */
                                createdBy: string;
                                /**
                                 * Format: uuid
                                 * @description The version id: a campaign names it as its audience
                                 */
                                id: string;
                                memberCount: number | null;
                                /** @example 3 */
                                version: number;
                            }[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{segmentId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page of a segment's members, in member id order
         * @description Dynamic segments are evaluated on the marts now; static ones list their snapshot. `version` reads a past version; a cursor keeps the version it started with.
         *
         *     Needs the `segments:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    /** @description A past version; the current one by default */
                    version?: number;
                };
                header?: never;
                path: {
                    segmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                enrolledAt: string;
                                externalId: string;
                                frequency: number;
                                lastPurchaseAt: string | null;
                                lifetimeRevenueMinor: number;
                                /** Format: uuid */
                                memberId: string;
                                monetaryMinor: number;
                                pointsBalance: number;
                                purchases: number;
                                recencyDays: number | null;
                                rfmSegment: string;
                                tags: string[];
                                tierId: string | null;
                                tierName: string | null;
                            }[];
                            /** @enum {unknown} */
                            kind: "dynamic" | "static";
                            nextCursor: string | null;
                            /** Format: uuid */
                            segmentId: string;
                            version: number;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem details */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List open sessions
         * @description The caller's own sessions; with `users:manage`, another user's by `userId`.
         *
         *     Needs a signed-in dashboard user, whatever the role; API keys are refused.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                    userId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description True for the session of the caller's access token */
                                current: boolean;
                                /** Format: date-time */
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                ip: string | null;
                                /** Format: date-time */
                                lastUsedAt: string;
                                userAgent: string | null;
                                /** Format: uuid */
                                userId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End a session
         * @description One's own session, or any session of the tenant with `users:manage`.
         *
         *     Needs a signed-in dashboard user, whatever the role; API keys are refused.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/system/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages the local SMTP server kept, newest first
         * @description Local only: the messages the SMTP server of `monet up` kept (MAIL_OUTBOX_DIR). With a real relay (SMTP_URL) there is no outbox and every outbox route answers 404. A tenant sees the messages of its own reports.
         *
         *     Needs the `outbox:read` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The id the local SMTP server gave it */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attachments: {
                                    contentType: string;
                                    filename: string | null;
                                    index: number;
                                    size: number;
                                }[];
                                from: string;
                                id: string;
                                messageId: string | null;
                                /** Format: date-time */
                                receivedAt: string;
                                reportId: string | null;
                                /** @description Bytes as received */
                                size: number;
                                subject: string | null;
                                to: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/system/outbox/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One kept message with its text and HTML
         * @description Local only: the messages the SMTP server of `monet up` kept (MAIL_OUTBOX_DIR). With a real relay (SMTP_URL) there is no outbox and every outbox route answers 404. A tenant sees the messages of its own reports.
         *
         *     Needs the `outbox:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The id the local SMTP server gave it */
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachments: {
                                contentType: string;
                                filename: string | null;
                                index: number;
                                size: number;
                            }[];
                            from: string;
                            html: string | null;
                            id: string;
                            messageId: string | null;
                            /** Format: date-time */
                            receivedAt: string;
                            reportId: string | null;
                            /** @description Bytes as received */
                            size: number;
                            subject: string | null;
                            text: string | null;
                            to: string[];
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/system/outbox/{messageId}/attachments/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One attachment of a kept message (the report’s PDF, CSV or XLSX)
         * @description Local only: the messages the SMTP server of `monet up` kept (MAIL_OUTBOX_DIR). With a real relay (SMTP_URL) there is no outbox and every outbox route answers 404. A tenant sees the messages of its own reports.
         *
         *     Needs the `outbox:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    index: number;
                    /** @description The id the local SMTP server gave it */
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/system/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status of every engine, the workflow worker, and a workflow round trip */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            checkedAt: string;
                            services: {
                                /** @description Engine version when up, the error when down */
                                detail: string;
                                /** @description Round trip of the probe, in milliseconds */
                                latencyMs: number;
                                name: "postgres" | "clickhouse" | "temporal" | "worker";
                                status: "up" | "down";
                                /** @description Where the engine is, without credentials */
                                url?: string;
                            }[];
                            status: "ok" | "degraded";
                            version: string;
                            workflow: {
                                /** Format: date-time */
                                checkedAt: string;
                                detail: string;
                                roundTripMs: number;
                                status: "up" | "down";
                                /** @description host/pid of the worker that ran the activity */
                                worker?: string;
                                workflowId?: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/system/workflow-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the system-check workflow now: the api starts it, a worker runs it, the api reads its result */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            checkedAt: string;
                            detail: string;
                            roundTripMs: number;
                            status: "up" | "down";
                            /** @description host/pid of the worker that ran the activity */
                            worker?: string;
                            workflowId?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's tenant
         * @description Readable by every role and by API keys with `programs:read` (time zone and currency).
         *
         *     Needs the `programs:read` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @example EUR */
                            currency: string;
                            /** Format: uuid */
                            id: string;
                            /** @example Café Lumière */
                            name: string;
                            /** @example cafe-lumiere */
                            slug: string;
                            /** @example Europe/Paris */
                            timeZone: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the caller's tenant
         * @description Name, slug and time zone. The currency is fixed at sign-up.
         *
         *     Needs the `tenant:manage` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example Café Lumière */
                        name?: string;
                        /**
                         * @description Lower-case letters, digits and inner hyphens, up to 63 characters
                         * @example cafe-lumiere
                         */
                        slug?: string;
                        /**
                         * @description IANA time zone name
                         * @example Europe/Paris
                         */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @example EUR */
                            currency: string;
                            /** Format: uuid */
                            id: string;
                            /** @example Café Lumière */
                            name: string;
                            /** @example cafe-lumiere */
                            slug: string;
                            /** @example Europe/Paris */
                            timeZone: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up a merchant
         * @description Creates the tenant and its first owner, and signs the owner in. Sign-ups are limited per client address: beyond that the answer is 429 with Retry-After.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description ISO 4217 code; fixed once the tenant exists, since every amount is kept in its minor units
                         * @example EUR
                         */
                        currency: string;
                        /** @example Café Lumière */
                        name: string;
                        owner: {
                            /**
                             * Format: email
                             * @description Compared case-insensitively; stored in lower case
                             * @example ada@example.com
                             */
                            email: string;
                            /** @example Ada Lovelace */
                            name: string;
                            /**
                             * @description 12 to 256 characters
                             * @example correct horse battery staple
                             */
                            password: string;
                        };
                        /**
                         * @description Lower-case letters, digits and inner hyphens, up to 63 characters
                         * @example cafe-lumiere
                         */
                        slug: string;
                        /**
                         * @description IANA time zone name
                         * @example Europe/Paris
                         */
                        timeZone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tenant: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @example EUR */
                                currency: string;
                                /** Format: uuid */
                                id: string;
                                /** @example Café Lumière */
                                name: string;
                                /** @example cafe-lumiere */
                                slug: string;
                                /** @example Europe/Paris */
                                timeZone: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            tokens: {
                                /** @description Send as `Authorization: Bearer <accessToken>` */
                                accessToken: string;
                                /** Format: date-time */
                                accessTokenExpiresAt: string;
                                /** @description Single use: exchange it at POST /v1/auth/refresh for the next pair */
                                refreshToken: string;
                                /** Format: date-time */
                                refreshTokenExpiresAt: string;
                                /** Format: uuid */
                                sessionId: string;
                                /** @enum {string} */
                                tokenType: "Bearer";
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                                /** Format: uuid */
                                tenantId: string;
                            };
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Needs the `users:manage` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                disabled: boolean;
                                /** @example grace@example.com */
                                email: string;
                                /** Format: uuid */
                                id: string;
                                lastSignInAt: string | null;
                                name: string;
                                /**
                                 * @description See docs/access.md for what each role may do
                                 * @example marketer
                                 */
                                role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a user
         * @description Only an owner may add an owner.
         *
         *     Needs the `users:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @description Compared case-insensitively; stored in lower case
                         * @example ada@example.com
                         */
                        email: string;
                        /** @example Grace Hopper */
                        name: string;
                        /**
                         * @description 12 to 256 characters
                         * @example correct horse battery staple
                         */
                        password: string;
                        /**
                         * @description See docs/access.md for what each role may do
                         * @example marketer
                         */
                        role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            /** @example grace@example.com */
                            email: string;
                            /** Format: uuid */
                            id: string;
                            lastSignInAt: string | null;
                            name: string;
                            /**
                             * @description See docs/access.md for what each role may do
                             * @example marketer
                             */
                            role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a user
         * @description Needs the `users:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            /** @example grace@example.com */
                            email: string;
                            /** Format: uuid */
                            id: string;
                            lastSignInAt: string | null;
                            name: string;
                            /**
                             * @description See docs/access.md for what each role may do
                             * @example marketer
                             */
                            role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Disable a user
         * @description Users are disabled, never deleted, so the audit log keeps naming them. Ends their sessions.
         *
         *     Needs the `users:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            /** @example grace@example.com */
                            email: string;
                            /** Format: uuid */
                            id: string;
                            lastSignInAt: string | null;
                            name: string;
                            /**
                             * @description See docs/access.md for what each role may do
                             * @example marketer
                             */
                            role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a user
         * @description Name, role, or enabled state. Only an owner may change an owner or make one; the last owner can be neither demoted nor disabled.
         *
         *     Needs the `users:manage` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description true disables the user and ends their sessions; false enables them again */
                        disabled?: boolean;
                        /** @example Grace Hopper */
                        name?: string;
                        /**
                         * @description See docs/access.md for what each role may do
                         * @example marketer
                         */
                        role?: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            /** @example grace@example.com */
                            email: string;
                            /** Format: uuid */
                            id: string;
                            lastSignInAt: string | null;
                            name: string;
                            /**
                             * @description See docs/access.md for what each role may do
                             * @example marketer
                             */
                            role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user, with the permissions of their role
         * @description Needs a signed-in dashboard user, whatever the role; API keys are refused.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabled: boolean;
                            /** @example grace@example.com */
                            email: string;
                            /** Format: uuid */
                            id: string;
                            lastSignInAt: string | null;
                            name: string;
                            /** @description What the user's role may do (the role table of docs/access.md); the dashboard's navigation follows it */
                            permissions: string[];
                            /**
                             * @description See docs/access.md for what each role may do
                             * @example marketer
                             */
                            role: "owner" | "admin" | "marketer" | "analyst" | "viewer";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your password
         * @description Needs the current password; ends the user's other sessions.
         *
         *     Needs a signed-in dashboard user, whatever the role; API keys are refused.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        /**
                         * @description 12 to 256 characters
                         * @example correct horse battery staple
                         */
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Well-formed but cannot be carried out; `type` says why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook deliveries
         * @description Needs the `webhooks:manage` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    endpointId?: string;
                    /**
                     * @description An event type Monet emits
                     * @example points.earned
                     */
                    eventType?: "member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed";
                    /** @description Items per page */
                    limit?: number;
                    /** @description pending: will be (re)tried at nextAttemptAt; failed: gave up after the last attempt */
                    status?: "pending" | "succeeded" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Newest first */
                            items: {
                                attemptCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                endpointId: string;
                                /**
                                 * Format: uuid
                                 * @description Also the `id` of the body and the Monet-Webhook-Id header
                                 */
                                eventId: string;
                                /**
                                 * @description An event type Monet emits
                                 * @example points.earned
                                 * @enum {unknown}
                                 */
                                eventType: "member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed";
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                nextAttemptAt: string;
                                /**
                                 * @description pending: will be (re)tried at nextAttemptAt; failed: gave up after the last attempt
                                 * @enum {unknown}
                                 */
                                status: "pending" | "succeeded" | "failed";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook delivery with every attempt
         * @description Needs the `webhooks:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attemptCount: number;
                            /** @description Every attempt, oldest first, replays included */
                            attempts: {
                                /** Format: date-time */
                                attemptedAt: string;
                                durationMs: number;
                                /** @example timed out after 10000 ms */
                                error: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description The first 1 KiB of the answer */
                                responseBody: string | null;
                                /**
                                 * @description null when no answer came
                                 * @example 500
                                 */
                                statusCode: number | null;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            endpointId: string;
                            event: {
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * @example {
                                 *       "memberId": "5b0f6d1e-3c47-4a43-9b0e-0d7d5f1c2a11",
                                 *       "points": 120
                                 *     }
                                 */
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                id: string;
                                /**
                                 * @description An event type Monet emits
                                 * @example points.earned
                                 * @enum {unknown}
                                 */
                                type: "member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed";
                            };
                            /**
                             * Format: uuid
                             * @description Also the `id` of the body and the Monet-Webhook-Id header
                             */
                            eventId: string;
                            /**
                             * @description An event type Monet emits
                             * @example points.earned
                             * @enum {unknown}
                             */
                            eventType: "member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed";
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            nextAttemptAt: string;
                            /**
                             * @description pending: will be (re)tried at nextAttemptAt; failed: gave up after the last attempt
                             * @enum {unknown}
                             */
                            status: "pending" | "succeeded" | "failed";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now
         * @description One attempt now, whatever the status, logged like the others. Success marks the delivery succeeded; a failure leaves its status and schedule unchanged.
         *
         *     Needs the `webhooks:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attemptCount: number;
                            /** @description Every attempt, oldest first, replays included */
                            attempts: {
                                /** Format: date-time */
                                attemptedAt: string;
                                durationMs: number;
                                /** @example timed out after 10000 ms */
                                error: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @description The first 1 KiB of the answer */
                                responseBody: string | null;
                                /**
                                 * @description null when no answer came
                                 * @example 500
                                 */
                                statusCode: number | null;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            endpointId: string;
                            event: {
                                /** Format: date-time */
                                createdAt: string;
                                /**
                                 * @example {
                                 *       "memberId": "5b0f6d1e-3c47-4a43-9b0e-0d7d5f1c2a11",
                                 *       "points": 120
                                 *     }
                                 */
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                id: string;
                                /**
                                 * @description An event type Monet emits
                                 * @example points.earned
                                 * @enum {unknown}
                                 */
                                type: "member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed";
                            };
                            /**
                             * Format: uuid
                             * @description Also the `id` of the body and the Monet-Webhook-Id header
                             */
                            eventId: string;
                            /**
                             * @description An event type Monet emits
                             * @example points.earned
                             * @enum {unknown}
                             */
                            eventType: "member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed";
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            nextAttemptAt: string;
                            /**
                             * @description pending: will be (re)tried at nextAttemptAt; failed: gave up after the last attempt
                             * @enum {unknown}
                             */
                            status: "pending" | "succeeded" | "failed";
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Needs the `webhooks:manage` permission.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description Items per page */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                disabledAt: string | null;
                                /** @description A disabled endpoint receives nothing; its pending deliveries wait */
                                enabled: boolean;
                                /**
                                 * @example [
                                 *       "points.earned",
                                 *       "tier.changed"
                                 *     ]
                                 */
                                eventTypes: ("member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed" | "*")[];
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /**
                                 * Format: uri
                                 * @description Where events are POSTed: https to a public address, or a loopback address over http or https when WEBHOOK_ALLOW_LOOPBACK is true
                                 * @example https://example.com/hooks/monet
                                 */
                                url: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a webhook endpoint
         * @description Answers the signing secret, once. Deliveries start with the next event of a subscribed type.
         *
         *     Needs the `webhooks:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A disabled endpoint receives nothing; its pending deliveries wait */
                        enabled?: boolean;
                        /**
                         * @example [
                         *       "points.earned",
                         *       "tier.changed"
                         *     ]
                         */
                        eventTypes: ("member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed" | "*")[];
                        /**
                         * Format: uri
                         * @description Where events are POSTed: https to a public address, or a loopback address over http or https when WEBHOOK_ALLOW_LOOPBACK is true
                         * @example https://example.com/hooks/monet
                         */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description The endpoint with its signing secret, answered only on creation and on rotation */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabledAt: string | null;
                            /** @description A disabled endpoint receives nothing; its pending deliveries wait */
                            enabled: boolean;
                            /**
                             * @example [
                             *       "points.earned",
                             *       "tier.changed"
                             *     ]
                             */
                            eventTypes: ("member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed" | "*")[];
                            /** Format: uuid */
                            id: string;
                            /**
                             * @description Signs every delivery (HMAC-SHA256). Shown only here: store it now.
                             * @example whsec_4f9Qm2cTzR0sXlq8bN1vY6kHdW3eJpAa
                             */
                            secret: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /**
                             * Format: uri
                             * @description Where events are POSTed: https to a public address, or a loopback address over http or https when WEBHOOK_ALLOW_LOOPBACK is true
                             * @example https://example.com/hooks/monet
                             */
                            url: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Needs the `webhooks:manage` permission.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabledAt: string | null;
                            /** @description A disabled endpoint receives nothing; its pending deliveries wait */
                            enabled: boolean;
                            /**
                             * @example [
                             *       "points.earned",
                             *       "tier.changed"
                             *     ]
                             */
                            eventTypes: ("member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed" | "*")[];
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /**
                             * Format: uri
                             * @description Where events are POSTed: https to a public address, or a loopback address over http or https when WEBHOOK_ALLOW_LOOPBACK is true
                             * @example https://example.com/hooks/monet
                             */
                            url: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint and its delivery log
         * @description Needs the `webhooks:manage` permission.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description Disabling pauses its deliveries; enabling again resumes them.
         *
         *     Needs the `webhooks:manage` permission.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A disabled endpoint receives nothing; its pending deliveries wait */
                        enabled?: boolean;
                        /**
                         * @example [
                         *       "points.earned",
                         *       "tier.changed"
                         *     ]
                         */
                        eventTypes?: ("member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed" | "*")[];
                        /**
                         * Format: uri
                         * @description Where events are POSTed: https to a public address, or a loopback address over http or https when WEBHOOK_ALLOW_LOOPBACK is true
                         * @example https://example.com/hooks/monet
                         */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabledAt: string | null;
                            /** @description A disabled endpoint receives nothing; its pending deliveries wait */
                            enabled: boolean;
                            /**
                             * @example [
                             *       "points.earned",
                             *       "tier.changed"
                             *     ]
                             */
                            eventTypes: ("member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed" | "*")[];
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /**
                             * Format: uri
                             * @description Where events are POSTed: https to a public address, or a loopback address over http or https when WEBHOOK_ALLOW_LOOPBACK is true
                             * @example https://example.com/hooks/monet
                             */
                            url: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhook-endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace an endpoint's signing secret
         * @description Answers the new secret, once; the old one stops signing at once.
         *
         *     Needs the `webhooks:manage` permission.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint with its signing secret, answered only on creation and on rotation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            disabledAt: string | null;
                            /** @description A disabled endpoint receives nothing; its pending deliveries wait */
                            enabled: boolean;
                            /**
                             * @example [
                             *       "points.earned",
                             *       "tier.changed"
                             *     ]
                             */
                            eventTypes: ("member.created" | "points.earned" | "points.reversed" | "points.adjusted" | "points.expired" | "reward.redeemed" | "redemption.fulfilled" | "redemption.cancelled" | "tier.changed" | "*")[];
                            /** Format: uuid */
                            id: string;
                            /**
                             * @description Signs every delivery (HMAC-SHA256). Shown only here: store it now.
                             * @example whsec_4f9Qm2cTzR0sXlq8bN1vY6kHdW3eJpAa
                             */
                            secret: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /**
                             * Format: uri
                             * @description Where events are POSTed: https to a public address, or a loopback address over http or https when WEBHOOK_ALLOW_LOOPBACK is true
                             * @example https://example.com/hooks/monet
                             */
                            url: string;
                        };
                    };
                };
                /** @description Invalid request: `errors` names each bad field by its path */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No valid access token or API key */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller lacks the permission this operation needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not found, or another tenant's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests; retry after `retryAfterSeconds` */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Condition */
        "def-0": {
            all: components["schemas"]["def-0"][];
        } | {
            any: components["schemas"]["def-0"][];
        } | {
            not: components["schemas"]["def-0"];
        } | {
            eventType: {
                /** @description Event types that match */
                in: ("purchase" | "refund" | "signup" | "custom")[];
            };
        } | {
            customType: {
                /** @description Names of custom events that match */
                in: string[];
            };
        } | {
            /** @description Bounds on a whole number: eq, gt, gte, lt, lte (all must hold) */
            amount: {
                eq?: number;
                gt?: number;
                gte?: number;
                lt?: number;
                lte?: number;
            };
        } | {
            currency: {
                /** @description Currencies that match */
                in: string[];
            };
        } | {
            channel: {
                /** @description Channels that match */
                in: string[];
            };
        } | {
            /** @description Some line item meets every criterion given */
            lineItem: {
                /** @description Categories that match */
                categoryIn?: string[];
                minAmountMinor?: number;
                minQuantity?: number;
                /** @description SKUs that match */
                skuIn?: string[];
            };
        } | {
            dayOfWeek: {
                /** @description Local days of the week that match */
                in: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            };
        } | {
            hours: {
                /** @description Local start time, inclusive */
                from: string;
                /** @description Local end time, exclusive; earlier than `from` for a window across midnight */
                to: string;
            };
        } | {
            dates: {
                /** @description First local date, inclusive */
                from?: string;
                /** @description Last local date, inclusive */
                to?: string;
            };
        } | {
            /**
             * @description The event is the member’s first purchase
             * @enum {boolean}
             */
            firstPurchase: true;
        } | {
            /** @description Bounds on a whole number: eq, gt, gte, lt, lte (all must hold) */
            purchaseNumber: {
                eq?: number;
                gt?: number;
                gte?: number;
                lt?: number;
                lte?: number;
            };
        } | {
            tier: {
                /** @description Tier ids that match */
                in: string[];
            };
        } | {
            memberAttribute: {
                equals?: string | number | boolean;
                exists?: boolean;
                gt?: number;
                gte?: number;
                /** @description Accepted values */
                in?: (string | number | boolean)[];
                /** @description Attribute name */
                key: string;
                lt?: number;
                lte?: number;
            };
        } | {
            eventAttribute: {
                equals?: string | number | boolean;
                exists?: boolean;
                gt?: number;
                gte?: number;
                /** @description Accepted values */
                in?: (string | number | boolean)[];
                /** @description Attribute name */
                key: string;
                lt?: number;
                lte?: number;
            };
        } | {
            tags: {
                /** @description The member has every one of these tags */
                hasAll?: string[];
                /** @description The member has at least one of these tags */
                hasAny?: string[];
            };
        } | {
            /** @description Bounds on a whole number: eq, gt, gte, lt, lte (all must hold) */
            daysSinceEnrolment: {
                eq?: number;
                gt?: number;
                gte?: number;
                lt?: number;
                lte?: number;
            };
        };
        /** SegmentNode */
        "def-1": {
            all: components["schemas"]["def-1"][];
        } | {
            any: components["schemas"]["def-1"][];
        } | {
            not: components["schemas"]["def-1"];
        } | {
            /** @description RFM segment as of the marts’ as-of date (docs/metrics.md). Every test given must hold. */
            rfmSegment: {
                /** @enum {unknown} */
                eq?: "Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost";
                /** @description Any of these values */
                in?: ("Champions" | "Loyal" | "Potential Loyalists" | "New" | "Promising" | "Need Attention" | "About to Sleep" | "Cannot Lose Them" | "At Risk" | "Hibernating" | "Lost")[];
            };
        } | {
            /** @description Recency score, 1–5. Every test given must hold. */
            rScore: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Frequency score, 1–5. Every test given must hold. */
            fScore: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Monetary score, 1–5. Every test given must hold. */
            mScore: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Days since the last purchase; null for members who never bought. Every test given must hold. */
            recencyDays: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                /** @description true: the value is null (e.g. never purchased); false: it is not */
                isNull?: boolean;
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Purchases in the 365 days to the as-of date. Every test given must hold. */
            frequency: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Net revenue in those 365 days, minor units. Every test given must hold. */
            monetaryMinor: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Purchases, all time. Every test given must hold. */
            purchases: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Net revenue, all time, minor units. Every test given must hold. */
            lifetimeRevenueMinor: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Points earned, all time, over the programs. Every test given must hold. */
            lifetimePoints: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Points available now, over the programs. Every test given must hold. */
            pointsBalance: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Redemptions, all time. Every test given must hold. */
            redemptions: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description The highest-ranked tier held; null for none. Every test given must hold. */
            tierId: {
                /** Format: uuid */
                eq?: string;
                /** @description Any of these ids */
                in?: string[];
                /** @description true: the value is null (e.g. never purchased); false: it is not */
                isNull?: boolean;
            };
        } | {
            /** @description Rank of that tier; 0 for no tier. Every test given must hold. */
            tierRank: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description Days from enrolment to the as-of date. Every test given must hold. */
            tenureDays: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description UTC day of enrolment. Every test given must hold. */
            enrolledOn: {
                /** @description YYYY-MM-DD (UTC day) */
                eq?: string;
                /** @description YYYY-MM-DD (UTC day) */
                gt?: string;
                /** @description YYYY-MM-DD (UTC day) */
                gte?: string;
                /** @description YYYY-MM-DD (UTC day) */
                lt?: string;
                /** @description YYYY-MM-DD (UTC day) */
                lte?: string;
            };
        } | {
            /** @description UTC day of the last purchase; null for members who never bought. Every test given must hold. */
            lastPurchaseOn: {
                /** @description YYYY-MM-DD (UTC day) */
                eq?: string;
                /** @description YYYY-MM-DD (UTC day) */
                gt?: string;
                /** @description YYYY-MM-DD (UTC day) */
                gte?: string;
                /** @description true: the value is null (e.g. never purchased); false: it is not */
                isNull?: boolean;
                /** @description YYYY-MM-DD (UTC day) */
                lt?: string;
                /** @description YYYY-MM-DD (UTC day) */
                lte?: string;
            };
        } | {
            /** @description UTC day of the last redemption; null for none. Every test given must hold. */
            lastRedemptionOn: {
                /** @description YYYY-MM-DD (UTC day) */
                eq?: string;
                /** @description YYYY-MM-DD (UTC day) */
                gt?: string;
                /** @description YYYY-MM-DD (UTC day) */
                gte?: string;
                /** @description true: the value is null (e.g. never purchased); false: it is not */
                isNull?: boolean;
                /** @description YYYY-MM-DD (UTC day) */
                lt?: string;
                /** @description YYYY-MM-DD (UTC day) */
                lte?: string;
            };
        } | {
            /** @description Tags set by the merchant. Every test given must hold. */
            tags: {
                /** @description The member has every one of these tags */
                hasAll?: string[];
                /** @description The member has at least one of these tags */
                hasAny?: string[];
            };
        } | {
            /** @description Churn risk band of the latest scoring run (ml/README.md); null for members not scored. Every test given must hold. */
            churnRiskBand: {
                /** @enum {unknown} */
                eq?: "low" | "medium" | "high";
                /** @description Any of these values */
                in?: ("low" | "medium" | "high")[];
                /** @description true: the value is null (e.g. never purchased); false: it is not */
                isNull?: boolean;
            };
        } | {
            /** @description Predicted lifetime value, minor units, of the latest scoring run; null for members not scored. Every test given must hold. */
            predictedClvMinor: {
                eq?: number;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: number[];
                /** @description true: the value is null (e.g. never purchased); false: it is not */
                isNull?: boolean;
                lt?: number;
                lte?: number;
            };
        } | {
            /** @description The member was in the campaign's audience (and every other test given holds) */
            campaign: {
                /**
                 * Format: uuid
                 * @description A campaign of the tenant
                 */
                id: string;
                /** @description Earned in the campaign's program during its window (the funnel's earned step) */
                responded?: boolean;
                /** @description Received bonus points naming the campaign */
                rewarded?: boolean;
                /**
                 * @description The member's arm: one of the campaign's variant keys, or holdout
                 * @example treatment
                 * @example holdout
                 */
                variant?: string;
            };
        } | {
            /** @description A member attribute: equals, in, exists, or numeric bounds (gt/gte/lt/lte). Strings and booleans compare as text, numbers as numbers; a member without the attribute matches only exists: false. */
            attribute: {
                equals?: string | number | boolean;
                exists?: boolean;
                gt?: number;
                gte?: number;
                /** @description Any of these values */
                in?: (string | number | boolean)[];
                /** @description Attribute name */
                key: string;
                lt?: number;
                lte?: number;
            };
        };
        /**
         * @description RFC 9457 problem details (application/problem+json)
         * @example {
         *       "type": "https://monet.dev/problems/validation",
         *       "title": "Invalid request",
         *       "status": 400,
         *       "detail": "The request does not match the schema; see errors.",
         *       "instance": "/v1/programs",
         *       "requestId": "3f0c9a52-8f5e-4f0e-9d7b-2b1c6f4a9e10",
         *       "errors": [
         *         {
         *           "path": "body.earningCurrency",
         *           "message": "must match pattern \"^[A-Z]{3}$\""
         *         }
         *       ]
         *     }
         */
        Problem: {
            detail: string;
            errors?: {
                message: string;
                path: string;
            }[];
            instance: string;
            requestId: string;
            status: number;
            title: string;
            /** Format: uri */
            type: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
