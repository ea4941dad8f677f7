export { clickhouseMartReader, type MartReader, type ReadLimits, type SqlQuery } from './mart-reader.ts';
