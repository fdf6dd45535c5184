/**
 * "Link SIS class" against the background: find the teacher's classes by email, link one.
 * The teacher found by the search is remembered so the link names the same SIS teacher.
 */
import { useState } from 'react';
import type { ClassSearch } from '@/components/panel/LinkClass';
import { sendRequest } from '@/lib/messaging/send';

interface FoundTeacher {
  sourcedId: string;
  email: string;
}

/** `accountEmail`: the signed-in account as the page shows it; the background checks it. */
export function useLinkFlow(
  courseId: string,
  accountEmail: string | undefined,
  onLinked: () => void,
) {
  const [search, setSearch] = useState<ClassSearch>({ state: 'idle' });
  const [teacher, setTeacher] = useState<FoundTeacher>();
  const [linking, setLinking] = useState(false);
  const [linkError, setLinkError] = useState<string>();

  const find = async (email: string) => {
    setSearch({ state: 'searching' });
    setLinkError(undefined);
    const reply = await sendRequest('findTeacherClasses', {
      courseId,
      email,
      ...(accountEmail ? { accountEmail } : {}),
    });
    if (!reply.ok) {
      setSearch({ state: 'error', message: reply.error.message });
      return;
    }
    const found = reply.data.teacher;
    setTeacher({ sourcedId: found.sourcedId, email });
    setSearch({ state: 'found', teacherName: found.name, classes: reply.data.classes });
  };

  const link = async (sisClassId: string) => {
    if (!teacher) return;
    setLinking(true);
    setLinkError(undefined);
    const reply = await sendRequest('linkClass', {
      courseId,
      sisClassId,
      teacherSourcedId: teacher.sourcedId,
      teacherEmail: teacher.email,
      ...(accountEmail ? { accountEmail } : {}),
    });
    setLinking(false);
    if (!reply.ok) {
      setLinkError(reply.error.message);
      return;
    }
    setSearch({ state: 'idle' });
    onLinked();
  };

  return { search, linking, linkError, find, link };
}
