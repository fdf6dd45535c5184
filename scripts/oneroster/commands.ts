/** The CLI's commands: each a thin call into the extension's OneRoster client. */
import type { OneRosterClient } from '../../lib/oneroster/client';
import { UsageError } from './args';

type Command = (
  client: OneRosterClient,
  args: string[],
  flags: { all: boolean },
) => Promise<unknown>;

function need(args: string[], index: number, name: string): string {
  const value = args[index];
  if (!value) throw new UsageError(`missing <${name}>`);
  return value;
}

export const COMMANDS: Record<string, Command> = {
  check: (client) => client.checkConnection(),
  teacher: (client, args) => client.findTeachersByEmail(need(args, 0, 'email')),
  classes: (client, args, { all }) =>
    client.listClassesForTeacher(need(args, 0, 'teacherSourcedId'), { activeOnly: !all }),
  class: (client, args) => client.getClass(need(args, 0, 'classSourcedId')),
  students: (client, args) => client.listStudentsForClass(need(args, 0, 'classSourcedId')),
  categories: (client, args) =>
    args[0] ? client.listCategoriesForClass(args[0]) : client.listCategories(),
  'grading-periods': (client, args) =>
    client.listGradingPeriodsForTerm(need(args, 0, 'termSourcedId')),
  'line-items': (client, args) => client.listLineItemsForClass(need(args, 0, 'classSourcedId')),
  results: (client, args) =>
    args[1]
      ? client.listResultsForLineItem(need(args, 0, 'classSourcedId'), args[1])
      : client.listResultsForClass(need(args, 0, 'classSourcedId')),
};
