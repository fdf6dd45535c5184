/** The not-linked panel: the "Link SIS class" form wired to findTeacherClasses and linkClass. */
import { LinkClass } from '@/components/panel/LinkClass';
import { useLinkFlow } from './use-link-flow';

export interface LinkContainerProps {
  courseId: string;
  /** The page's account email, the first guess at the teacher's SIS email. */
  defaultEmail: string;
  onLinked(): void;
}

export function LinkContainer({ courseId, defaultEmail, onLinked }: LinkContainerProps) {
  const flow = useLinkFlow(courseId, onLinked);
  return (
    <LinkClass
      defaultEmail={defaultEmail}
      search={flow.search}
      linking={flow.linking}
      linkError={flow.linkError}
      onFind={(email) => void flow.find(email)}
      onLink={(sisClassId) => void flow.link(sisClassId)}
    />
  );
}
