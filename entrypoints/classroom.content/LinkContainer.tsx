/** The not-linked panel: the "Link SIS class" form wired to findTeacherClasses and linkClass. */
import { LinkClass } from '@/components/panel/LinkClass';
import { useLinkFlow } from './use-link-flow';

export interface LinkContainerProps {
  courseId: string;
  /** The signed-in account as the page shows it; empty when it does not. */
  accountEmail: string;
  /** The admin lets the teacher type another SIS teacher's email. */
  overrideAllowed: boolean;
  onLinked(): void;
}

export function LinkContainer(props: LinkContainerProps) {
  const { courseId, accountEmail, overrideAllowed, onLinked } = props;
  const flow = useLinkFlow(courseId, accountEmail || undefined, onLinked);
  return (
    <LinkClass
      accountEmail={accountEmail}
      overrideAllowed={overrideAllowed}
      search={flow.search}
      linking={flow.linking}
      linkError={flow.linkError}
      onFind={(email) => void flow.find(email)}
      onLink={(sisClassId) => void flow.link(sisClassId)}
    />
  );
}
