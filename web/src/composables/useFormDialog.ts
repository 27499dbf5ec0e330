// A small form dialog's state: open with a fresh model (blank + what the caller fills in),
// save through saveDialog (saving flag, success message, close, reload; the server's
// message on failure). FormDialog.vue renders it.
import { reactive } from 'vue'
import { saveDialog } from '@/utils/messages'

export interface FormDialogState<T extends object> {
  open: boolean
  saving: boolean
  model: T
  show(init?: Partial<T>): void
  submit(): Promise<void>
}

export function useFormDialog<T extends object>(
  blank: () => T,
  save: (model: T) => Promise<string>,
  reload: () => unknown = () => undefined,
): FormDialogState<T> {
  const dialog: FormDialogState<T> = reactive({
    open: false,
    saving: false,
    model: blank(),
    show(init: Partial<T> = {}) {
      dialog.model = { ...blank(), ...init }
      dialog.open = true
    },
    async submit() {
      await saveDialog(dialog, () => save(dialog.model), async () => {
        await reload()
      })
    },
  }) as FormDialogState<T>
  return dialog
}
